//! What every end-to-end test needs: a static server for `dist/`, chromedriver, a browser
//! session, and screenshots under `target/screenshots/`.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};

/// A browser session on a freshly served copy of the app; everything stops on drop.
pub struct Browser {
    pub client: Client,
    pub base_url: String,
    driver: Child,
    /// What the test server does wrong, on purpose.
    failing: Failing,
}

/// The test server's deliberate faults, by file name prefix.
#[derive(Default)]
struct Faults {
    /// Answered with 503 Service Unavailable, as if the network failed.
    unavailable: Vec<String>,
    /// Served as `application/octet-stream`, as some static hosts serve `.wasm`.
    untyped: Vec<String>,
}

type Failing = Arc<Mutex<Faults>>;

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn dist_dir() -> PathBuf {
    let dir = std::env::var_os("JOBSIM_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("dist"));
    assert!(
        dir.join("index.html").exists(),
        "no release build in {} — run `trunk build --release --offline` (./dev test does)",
        dir.display()
    );
    dir
}

/// Serves `dir` over HTTP/1.0 on a free 127.0.0.1 port, from a background thread.
fn serve_static(dir: PathBuf, failing: Failing) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free loopback port");
    let address = listener
        .local_addr()
        .expect("bound listener has an address");
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let dir = dir.clone();
            let failing = Arc::clone(&failing);
            std::thread::spawn(move || answer(stream, &dir, &failing));
        }
    });
    format!("http://{address}")
}

fn answer(mut stream: TcpStream, dir: &Path, failing: &Failing) {
    let mut request_line = String::new();
    let mut reader = BufReader::new(stream.try_clone().expect("clone a TCP stream"));
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) | Err(_) => break,
            Ok(_) if header == "\r\n" || header == "\n" => break,
            Ok(_) => {}
        }
    }
    let target = request_line.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let relative = path.trim_start_matches('/');
    let file = if relative.is_empty() || relative.contains("..") {
        dir.join("index.html")
    } else {
        dir.join(relative)
    };
    let faults = failing.lock().expect("the faults");
    let matches = |prefixes: &[String]| prefixes.iter().any(|p| relative.starts_with(p.as_str()));
    let (fails, untyped) = (matches(&faults.unavailable), matches(&faults.untyped));
    drop(faults);
    let (status, body) = match std::fs::read(&file) {
        Ok(_) if fails => ("503 Service Unavailable", b"unavailable".to_vec()),
        Ok(body) => ("200 OK", body),
        Err(_) => ("404 Not Found", b"not found".to_vec()),
    };
    let content_type = match file.extension().and_then(|e| e.to_str()) {
        _ if untyped => "application/octet-stream",
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    };
    let header = format!(
        "HTTP/1.0 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(header.as_bytes());
    let _ = stream.write_all(&body);
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

fn start_chromedriver() -> (Child, String) {
    let port = free_port();
    let binary = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
    let mut driver = Command::new(binary)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver on PATH (./dev setup installs chromium-driver)");
    let url = format!("http://127.0.0.1:{port}");
    for _ in 0..100 {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return (driver, url);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = driver.kill();
    let _ = driver.wait();
    panic!("chromedriver did not listen on port {port}");
}

/// Starts chromedriver and a headless Chromium session on the served app.
pub async fn open() -> Browser {
    open_sized(1280, 900).await
}

/// Like [`open`], with the browser window sized `width`×`height`.
pub async fn open_sized(width: u32, height: u32) -> Browser {
    let failing = Failing::default();
    let base_url = serve_static(dist_dir(), Arc::clone(&failing));
    let (driver, driver_url) = start_chromedriver();
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", format!("--window-size={width},{height}")
            ]
        }),
    );
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    let client = ClientBuilder::new(connector)
        .capabilities(capabilities)
        .connect(&driver_url)
        .await
        .expect("a WebDriver session in headless Chromium");
    Browser {
        client,
        base_url,
        driver,
        failing,
    }
}

impl Browser {
    /// From now on, the server answers requests for files whose names start with `prefix`
    /// with 503 Service Unavailable.
    pub fn fail_files(&self, prefix: &str) {
        let mut faults = self.failing.lock().expect("the faults");
        faults.unavailable.push(prefix.to_string());
    }

    /// From now on, the server sends files whose names start with `prefix` as
    /// `application/octet-stream`, whatever they are.
    pub fn untype_files(&self, prefix: &str) {
        let mut faults = self.failing.lock().expect("the faults");
        faults.untyped.push(prefix.to_string());
    }

    /// The server serves every file again, each with its type.
    pub fn serve_all_files(&self) {
        *self.failing.lock().expect("the faults") = Faults::default();
    }

    /// Navigates to `path` (relative to the served app) and waits for the editor to render.
    pub async fn goto(&self, path: &str) {
        self.client
            .goto(&format!("{}{}", self.base_url, path))
            .await
            .expect("navigate to the app");
        self.wait_for_the_page().await;
    }

    /// Reloads the page and waits for the editor and the simulator, as [`Self::goto`] does.
    pub async fn reload(&self) {
        self.client.refresh().await.expect("reload the page");
        self.wait_for_the_page().await;
    }

    /// Waits for the editor, then for the simulator (fetched after the first render).
    async fn wait_for_the_page(&self) {
        self.client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css("textarea[aria-label='Manifest editor']"))
            .await
            .expect("the manifest editor renders");
        // The time controls come with the simulator (fetched after the first render).
        self.client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css("output.sim-time"))
            .await
            .expect("the simulator arrives");
    }

    /// Saves a PNG of the page to `target/screenshots/NAME.png` for humans to look at.
    pub async fn screenshot(&self, name: &str) {
        let png = self.client.screenshot().await.expect("take a screenshot");
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
        std::fs::create_dir_all(&dir).expect("create target/screenshots");
        std::fs::write(dir.join(format!("{name}.png")), png).expect("write the screenshot");
    }

    /// The editor's current text.
    pub async fn editor_text(&self) -> String {
        let editor = self.editor().await;
        editor
            .prop("value")
            .await
            .expect("read the editor value")
            .unwrap_or_default()
    }

    /// The manifest editor element, found by its accessible name.
    pub async fn editor(&self) -> fantoccini::elements::Element {
        self.client
            .find(Locator::Css("textarea[aria-label='Manifest editor']"))
            .await
            .expect("the manifest editor")
    }

    /// Types `text` at the end of the editor (Ctrl+End, then the keys) and returns the
    /// editor's whole text, which must end with it.
    pub async fn type_at_the_end(&self, text: &str) -> String {
        let editor = self.editor().await;
        editor.click().await.expect("focus the editor");
        editor
            .send_keys(&(fantoccini::key::Key::Control + &fantoccini::key::Key::End.to_string()))
            .await
            .expect("go to the end");
        editor.send_keys(text).await.expect("type");
        let whole = self.editor_text().await;
        assert!(whole.ends_with(text), "{whole}");
        whole
    }

    /// Replaces the editor text as a user would (select all, type).
    pub async fn set_editor_text(&self, text: &str) {
        let editor = self.editor().await;
        editor.clear().await.expect("clear the editor");
        editor.send_keys(text).await.expect("type into the editor");
    }

    /// Clicks the button whose visible text is `label`.
    pub async fn click_button(&self, label: &str) {
        let xpath = format!("//button[normalize-space(.)='{label}' or @aria-label='{label}']");
        self.client
            .find(Locator::XPath(&xpath))
            .await
            .unwrap_or_else(|e| panic!("a button named {label:?}: {e}"))
            .click()
            .await
            .expect("click the button");
    }

    /// Waits until some element matching `css` has text containing `needle`; returns that text.
    pub async fn wait_for_text(&self, css: &str, needle: &str) -> String {
        for _ in 0..100 {
            if let Ok(elements) = self.client.find_all(Locator::Css(css)).await {
                for element in elements {
                    if let Ok(text) = element.text().await
                        && text.contains(needle)
                    {
                        return text;
                    }
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("no {css} containing {needle:?} appeared");
    }

    /// Ends the WebDriver session.
    pub async fn close(self) {
        let _ = self.client.clone().close().await;
    }
}
