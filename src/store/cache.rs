//! The parsed-record cache in `.factcheck/cache/`: what each record file
//! parsed to, keyed by the file's path, size, modification time, inode and
//! change time, so a reading command re-reads only what changed.
//!
//! The cache is never a source of truth. A file whose header (magic, format
//! version, tool version, the hash of factcheck.toml) or checksum does not
//! match, or that does not decode, is ignored and rebuilt. An entry is used
//! only when the file's stat matches it exactly, and only when the file was
//! last modified (and its inode changed) strictly before the cache's own
//! reference time, taken from the file system's clock when the run that
//! wrote it began: a file changed within that time's granularity could
//! still have the same stat, so it is re-read (git's "racy clean" rule).
//! The file is replaced atomically, so concurrent readers and writers see a
//! whole cache or none. Deleting it, or `--no-cache`, changes no output.

use super::fsio;
use super::lock::WORK_DIR;
use serde::{Deserialize, Serialize, de::DeserializeOwned};

use std::path::{Path, PathBuf};

/// Bumped whenever what is cached changes shape.
pub const FORMAT: u32 = 2;
const MAGIC: &[u8; 8] = b"FCCACHE\0";
/// The cache directory, inside the git-ignored work directory.
pub const CACHE_DIR: &str = ".factcheck/cache";

/// What identifies one version of a file on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatKey {
    pub size: u64,
    pub mtime: (i64, i64),
    pub ctime: (i64, i64),
    pub ino: u64,
    pub dev: u64,
}

impl StatKey {
    pub fn of(m: &std::fs::Metadata) -> StatKey {
        use std::os::unix::fs::MetadataExt;
        StatKey {
            size: m.size(),
            mtime: (m.mtime(), m.mtime_nsec()),
            ctime: (m.ctime(), m.ctime_nsec()),
            ino: m.ino(),
            dev: m.dev(),
        }
    }

    /// Whether a change of the file could hide behind this stat: it was
    /// modified (or its inode changed) at or after `reference`.
    pub fn racy(&self, reference: (i64, i64)) -> bool {
        self.mtime >= reference || self.ctime >= reference
    }
}

/// One cached file: its stat when it was read, and what it gave.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry<T> {
    pub key: StatKey,
    pub value: T,
}

/// Entries are spread over this many shards, encoded separately so that
/// they decode on all cores.
pub const SHARDS: usize = 16;

/// A cache file: entries by workspace-relative path, in shards.
#[derive(Debug)]
pub struct Table<T> {
    /// The file system's time when the run that wrote it began.
    pub reference: (i64, i64),
    pub shards: Vec<rustc_hash::FxHashMap<String, Entry<T>>>,
}

/// The shard of a path.
pub fn shard_of(rel: &str) -> usize {
    (xxhash_rust::xxh3::xxh3_64(rel.as_bytes()) % SHARDS as u64) as usize
}

impl<T> Table<T> {
    pub fn new(reference: (i64, i64)) -> Table<T> {
        Table {
            reference,
            shards: (0..SHARDS).map(|_| Default::default()).collect(),
        }
    }

    pub fn insert(&mut self, rel: String, entry: Entry<T>) {
        self.shards[shard_of(&rel)].insert(rel, entry);
    }

    pub fn len(&self) -> usize {
        self.shards.iter().map(|s| s.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The cached value for `rel` if the file still has exactly this stat
    /// and was not changed within the cache's time granularity.
    pub fn take_fresh(&mut self, rel: &str, key: &StatKey) -> Option<T> {
        take_from(&mut self.shards[shard_of(rel)], self.reference, rel, key)
    }
}

/// [`Table::take_fresh`] on one shard (to work on shards in parallel).
pub fn take_from<T>(
    shard: &mut rustc_hash::FxHashMap<String, Entry<T>>,
    reference: (i64, i64),
    rel: &str,
    key: &StatKey,
) -> Option<T> {
    let e = shard.get(rel)?;
    if e.key != *key || e.key.racy(reference) {
        return None;
    }
    shard.remove(rel).map(|e| e.value)
}

/// The header that must match for a cache file to be used at all.
fn header(name: &str, context: &[u8]) -> Vec<u8> {
    let mut h = MAGIC.to_vec();
    h.extend_from_slice(&FORMAT.to_le_bytes());
    let tool = env!("FACTCHECK_VERSION");
    for part in [name.as_bytes(), tool.as_bytes()] {
        h.extend_from_slice(&(part.len() as u32).to_le_bytes());
        h.extend_from_slice(part);
    }
    h.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(context).to_le_bytes());
    h
}

fn rel_of(name: &str) -> PathBuf {
    Path::new(CACHE_DIR).join(name)
}

/// Reads a cache file; `None` when it is absent, foreign, corrupt or
/// truncated (the caller rebuilds it). `context` is what the cached values
/// depend on besides the files themselves (factcheck.toml's text).
pub fn load<T: DeserializeOwned + Send>(
    root: &Path,
    name: &str,
    context: &[u8],
) -> Option<Table<T>> {
    use rayon::prelude::*;
    let bytes = fsio::read(root, &rel_of(name), u64::MAX / 2).ok()?;
    let head = header(name, context);
    let rest = bytes.strip_prefix(head.as_slice())?;
    let (sum, payload) = rest.split_at_checked(8)?;
    let sum = u64::from_le_bytes(sum.try_into().ok()?);
    if xxhash_rust::xxh3::xxh3_64(payload) != sum {
        return None;
    }
    // reference (16 bytes), then each shard: length (8 bytes) and postcard.
    let (reference, mut rest) = payload.split_at_checked(16)?;
    let reference = (
        i64::from_le_bytes(reference[..8].try_into().ok()?),
        i64::from_le_bytes(reference[8..].try_into().ok()?),
    );
    let mut parts = Vec::with_capacity(SHARDS);
    for _ in 0..SHARDS {
        let (len, after) = rest.split_at_checked(8)?;
        let len = usize::try_from(u64::from_le_bytes(len.try_into().ok()?)).ok()?;
        let (part, after) = after.split_at_checked(len)?;
        parts.push(part);
        rest = after;
    }
    if !rest.is_empty() {
        return None;
    }
    let shards: Option<Vec<_>> = parts
        .into_par_iter()
        .map(|p| postcard::from_bytes(p).ok())
        .collect();
    Some(Table {
        reference,
        shards: shards?,
    })
}

/// Writes a cache file atomically (best effort: a cache that cannot be
/// written is simply not there next time).
pub fn save<T: Serialize + Sync>(root: &Path, name: &str, context: &[u8], table: &Table<T>) {
    use rayon::prelude::*;
    let parts: Option<Vec<Vec<u8>>> = table
        .shards
        .par_iter()
        .map(|s| postcard::to_stdvec(s).ok())
        .collect();
    let Some(parts) = parts else { return };
    let mut payload = Vec::with_capacity(16 + parts.iter().map(|p| p.len() + 8).sum::<usize>());
    payload.extend_from_slice(&table.reference.0.to_le_bytes());
    payload.extend_from_slice(&table.reference.1.to_le_bytes());
    for p in &parts {
        payload.extend_from_slice(&(p.len() as u64).to_le_bytes());
        payload.extend_from_slice(p);
    }
    let mut bytes = header(name, context);
    bytes.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(&payload).to_le_bytes());
    bytes.extend_from_slice(&payload);
    let _ = fsio::replace_unsynced(root, &rel_of(name), &bytes);
}

/// The file system's current time, as the cache's reference: the
/// modification time of a file created now in the cache directory. `None`
/// when the work directory cannot be written (then no cache is kept).
pub fn reference_time(root: &Path) -> Option<(i64, i64)> {
    let work = root.join(WORK_DIR);
    match std::fs::symlink_metadata(&work) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => return None,
        Err(_) => std::fs::create_dir(&work).ok()?,
    }
    fsio::probe_time(root, &rel_of(".clock"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(m: i64, c: i64) -> StatKey {
        StatKey {
            size: 1,
            mtime: (m, 0),
            ctime: (c, 0),
            ino: 1,
            dev: 1,
        }
    }

    #[test]
    fn racy_and_changed_entries_are_not_used() {
        let mut t: Table<u32> = Table::new((100, 0));
        for (rel, k) in [
            ("old", key(50, 50)),
            ("same-tick", key(100, 100)),
            ("ctime", key(50, 100)),
        ] {
            t.insert(rel.into(), Entry { key: k, value: 7 });
        }
        assert_eq!(t.take_fresh("old", &key(50, 50)), Some(7));
        assert_eq!(t.take_fresh("same-tick", &key(100, 100)), None);
        assert_eq!(t.take_fresh("ctime", &key(50, 100)), None);
        let mut t2: Table<u32> = Table::new((100, 0));
        t2.insert(
            "x".into(),
            Entry {
                key: key(50, 50),
                value: 1,
            },
        );
        assert_eq!(t2.take_fresh("x", &key(51, 50)), None, "a different stat");
    }

    #[test]
    fn a_damaged_or_foreign_cache_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join(CACHE_DIR)).unwrap();
        let mut t: Table<String> = Table::new((1, 0));
        t.insert(
            "claims/a.toml".into(),
            Entry {
                key: key(0, 0),
                value: "parsed".into(),
            },
        );
        save(root, "t", b"config", &t);
        let back: Table<String> = load(root, "t", b"config").unwrap();
        assert_eq!(
            back.shards[shard_of("claims/a.toml")]["claims/a.toml"].value,
            "parsed"
        );
        // Another factcheck.toml: not used.
        assert!(load::<String>(root, "t", b"other config").is_none());
        let path = root.join(CACHE_DIR).join("t");
        let good = std::fs::read(&path).unwrap();
        // Truncated.
        std::fs::write(&path, &good[..good.len() - 3]).unwrap();
        assert!(load::<String>(root, "t", b"config").is_none());
        // A flipped byte in the payload.
        let mut bad = good.clone();
        let last = bad.len() - 2;
        bad[last] ^= 1;
        std::fs::write(&path, &bad).unwrap();
        assert!(load::<String>(root, "t", b"config").is_none());
        // Another format version.
        let mut other = good.clone();
        other[8] ^= 0xff;
        std::fs::write(&path, &other).unwrap();
        assert!(load::<String>(root, "t", b"config").is_none());
        // Garbage, and nothing at all.
        std::fs::write(&path, b"hello").unwrap();
        assert!(load::<String>(root, "t", b"config").is_none());
        std::fs::remove_file(&path).unwrap();
        assert!(load::<String>(root, "t", b"config").is_none());
    }
}
