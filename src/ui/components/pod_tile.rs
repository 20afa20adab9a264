//! One pod as a tile: shape (glyph), colour and kubectl's STATUS word; a click opens its
//! details.

use std::rc::Rc;

use yew::prelude::*;

use crate::playground::Action;
use crate::playground::details::Selection;
use crate::playground::view::tiles::Tile;
use crate::ui::store::use_dispatch;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub tile: Rc<Tile>,
    pub namespace: AttrValue,
    pub selected: bool,
    /// Many pods: the glyph only (the word is in the tooltip and the accessible name).
    pub compact: bool,
    /// The one tile of its Job reachable with Tab (arrow keys move between the others).
    pub tab_stop: bool,
}

#[component(PodTile)]
pub fn pod_tile(props: &Props) -> Html {
    let dispatch = use_dispatch();
    let tile = &props.tile;
    let onclick = dispatch.on(Action::Select(Some(Selection::Pod {
        namespace: props.namespace.to_string(),
        name: tile.name.clone(),
    })));
    let describe = tile.describe();
    html! {
        <li>
            <button
                class={classes!("tile", tile.kind.class(), props.selected.then_some("selected"), props.compact.then_some("compact"))}
                aria-label={describe.clone()}
                aria-pressed={if props.selected { "true" } else { "false" }}
                title={describe}
                data-status={tile.status.clone()}
                tabindex={if props.tab_stop { "0" } else { "-1" }}
                {onclick}
            >
                <span class="glyph" aria-hidden="true">{ tile.kind.glyph() }</span>
                if !props.compact {
                    <span class="tile-status">{ &tile.status }</span>
                }
                if tile.restarts > 0 {
                    <span class="restarts" aria-hidden="true">{ format!("↻{}", tile.restarts) }</span>
                }
            </button>
        </li>
    }
}
