//! The share box (the link in a read-only field, "Copied" when the clipboard took it) and
//! the notice shown when a link could not be opened.

use yew::prelude::*;

use crate::playground::Action;
use crate::playground::teach::{ShareBox, TeachAction};
use crate::ui::dom;
use crate::ui::store::use_dispatch;

#[derive(Properties, PartialEq)]
pub struct ShareProps {
    pub share: ShareBox,
}

#[component(SharePanel)]
pub fn share_panel(props: &ShareProps) -> Html {
    let dispatch = use_dispatch();
    let link = dom::link_with_fragment(&props.share.fragment);
    let select_all = Callback::from(|event: FocusEvent| {
        let input: web_sys::HtmlInputElement = event.target_unchecked_into();
        input.select();
    });
    html! {
        <div class="share-box" role="region" aria-label="Share link">
            <label>
                { "Link to this playground (files, seed, speed, actions, time, panels): " }
                <input type="text" readonly=true aria-label="Share link" value={link} onfocus={select_all} />
            </label>
            <span class="share-status" role="status">
                { match props.share.copied {
                    Some(true) => "Copied to the clipboard",
                    Some(false) => "Copy it from the field (the clipboard is not available)",
                    None => "",
                } }
            </span>
            <button aria-label="Close share link" onclick={dispatch.on(Action::Teach(TeachAction::CloseShare))}>{ "Close" }</button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    pub message: String,
}

#[component(Notice)]
pub fn notice(props: &NoticeProps) -> Html {
    let dispatch = use_dispatch();
    html! {
        <div class="notice" role="alert">
            <span>{ &props.message }</span>
            <button onclick={dispatch.on(Action::Teach(TeachAction::DismissNotice))}>{ "Dismiss" }</button>
        </div>
    }
}
