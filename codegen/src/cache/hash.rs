//! The content hash of the cache: 128 bits, stable across builds, platforms
//! and Rust versions (std's `DefaultHasher` promises none of that), fast on
//! tens of megabytes. Not cryptographic: the cache guards against stale
//! content, not against an attacker who can write into `target/`.
//!
//! Also compiled into `build.rs` (by path), which fingerprints bizgen's own
//! sources with it: keep it free of crate imports.

/// A 128-bit digest, printed as 32 hex digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Digest(pub u128);

impl std::fmt::Display for Digest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:032x}", self.0)
    }
}

impl std::str::FromStr for Digest {
    type Err = std::num::ParseIntError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        u128::from_str_radix(s, 16).map(Digest)
    }
}

const K1: u64 = 0x9E37_79B9_7F4A_7C15;
const K2: u64 = 0xC2B2_AE3D_27D4_EB4F;
const K3: u64 = 0x1656_67B1_9E37_79F9;

/// Hashes pieces of bytes; each piece's length is part of the digest, so
/// `["ab", "c"]` and `["a", "bc"]` differ.
#[derive(Debug, Clone)]
pub struct Hasher {
    a: u64,
    b: u64,
}

impl Default for Hasher {
    fn default() -> Self {
        Hasher { a: K3, b: K1 ^ K2 }
    }
}

impl Hasher {
    fn word(&mut self, w: u64) {
        self.a = (self.a ^ w).wrapping_mul(K1).rotate_left(29);
        self.b = (self.b.rotate_left(23) ^ w).wrapping_mul(K2);
    }

    /// Adds one piece.
    pub fn write(&mut self, bytes: &[u8]) -> &mut Self {
        let mut words = bytes.chunks_exact(8);
        for chunk in &mut words {
            let mut w = [0; 8];
            w.copy_from_slice(chunk);
            self.word(u64::from_le_bytes(w));
        }
        let rest = words.remainder();
        let mut last = [0; 8];
        last[..rest.len()].copy_from_slice(rest);
        self.word(u64::from_le_bytes(last));
        self.word(bytes.len() as u64 ^ K3);
        self
    }

    /// Adds a string piece.
    pub fn str(&mut self, s: &str) -> &mut Self {
        self.write(s.as_bytes())
    }

    pub fn finish(&self) -> Digest {
        let a = fmix(self.a ^ self.b.rotate_left(17));
        let b = fmix(self.b ^ a);
        Digest((u128::from(a) << 64) | u128::from(b))
    }
}

/// MurmurHash3's finaliser: every input bit reaches every output bit.
fn fmix(mut k: u64) -> u64 {
    k ^= k >> 33;
    k = k.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    k ^= k >> 33;
    k = k.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    k ^ (k >> 33)
}

/// The digest of one piece.
pub fn digest(bytes: &[u8]) -> Digest {
    Hasher::default().write(bytes).finish()
}
