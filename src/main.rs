//! Browser entry point: Trunk builds this binary to WebAssembly and it mounts the app.

#[cfg(target_arch = "wasm32")]
fn main() {
    // First, so that even a panic while mounting shows a readable page.
    vpclab::app::crash::install();
    vpclab::app::start();
}

/// Natively there is nothing to show: the browser app is built by Trunk (`make serve`).
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "vpclab-web is the browser app: run `make serve` to build it with Trunk and open it."
    );
    std::process::exit(2);
}
