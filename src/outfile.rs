//! One file of the built site, in memory: what rendering and the build
//! produce and `publish` writes. Its own module so that the stages that
//! make files and the one that writes them share it without depending on
//! each other.

/// One file of the built site.
pub struct OutFile {
    /// Path relative to the output folder, with '/' separators.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// A file as a release tree's manifest lists it: path, size, 128-bit hash.
pub type Listed = (String, u64, u128);
