//! Rebuild gazette when anything under `themes/default/` changes, files
//! added or removed included. The default theme is embedded in the binary
//! by `include_dir!` (src/render/theme_files.rs), which on stable Rust
//! cannot tell Cargo about a new file by itself; a folder named in
//! `rerun-if-changed` is scanned as a whole, so this covers it.

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-changed=build.rs");
}
