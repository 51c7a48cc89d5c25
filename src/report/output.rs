//! Writing result files safely: each file goes to a temporary name in the same folder and
//! is renamed into place, so an interrupted run never leaves a half-written file, and only
//! the files ccsim names are touched.
//!
//! A command's results go through one [`OutputFolder`]: every file is produced first,
//! then all are written and renamed together under a lock, and the files an earlier run
//! wrote there that this one did not (charts after `--no-charts`) are removed, so the
//! folder holds one run's results, never a mix.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Result, io_reason};

/// Files to write: (name in the folder, contents).
pub type Files = Vec<(String, Vec<u8>)>;

/// The files of one command's results, written into their folder together by [`commit`].
///
/// [`commit`]: OutputFolder::commit
pub struct OutputFolder {
    dir: PathBuf,
    files: Vec<(String, Vec<u8>)>,
}

/// Lists, one per line, the files the last run wrote into the folder.
const MANIFEST: &str = ".ccsim-files";
/// Held while a run renames its files into the folder.
const LOCK: &str = ".ccsim-lock";
/// A lock older than this is left over from a killed run (a commit takes milliseconds).
const STALE_LOCK_S: u64 = 60;

impl OutputFolder {
    pub fn new(dir: &Path) -> OutputFolder {
        OutputFolder {
            dir: dir.to_path_buf(),
            files: Vec::new(),
        }
    }

    pub fn add(&mut self, name: impl Into<String>, contents: impl Into<Vec<u8>>) {
        self.files.push((name.into(), contents.into()));
    }

    pub fn extend(&mut self, files: impl IntoIterator<Item = (String, Vec<u8>)>) {
        self.files.extend(files);
    }

    /// Writes every file (all or none), under the folder's lock: temporaries left by a
    /// killed run are removed, the files are renamed into place, and files the previous
    /// run listed that this run did not write are removed. Returns the names written.
    pub fn commit(self) -> Result<Vec<String>> {
        ensure_dir(&self.dir)?;
        let _lock = FolderLock::take(&self.dir)?;
        remove_stale_temporaries(&self.dir);
        let files: Vec<(&str, &[u8])> = self
            .files
            .iter()
            .map(|(n, c)| (n.as_str(), c.as_slice()))
            .collect();
        write_all_atomic(&self.dir, &files)?;
        let names: Vec<String> = self.files.iter().map(|(n, _)| n.clone()).collect();
        for old in previous_files(&self.dir) {
            if !names.contains(&old) {
                let _ = fs::remove_file(self.dir.join(&old));
            }
        }
        let mut list = names.join("\n");
        list.push('\n');
        write_all_atomic(&self.dir, &[(MANIFEST, list.as_bytes())])?;
        Ok(names)
    }
}

/// The names the previous run listed: plain file names only (a tampered list naming
/// `../x` or a sub-folder is ignored, so nothing outside the folder is ever removed).
fn previous_files(dir: &Path) -> Vec<String> {
    let Ok(text) = fs::read_to_string(dir.join(MANIFEST)) else {
        return Vec::new();
    };
    text.lines()
        .filter(|n| {
            !n.is_empty()
                && !n.starts_with('.')
                && !n.contains(['/', '\\'])
                && dir.join(n).is_file()
        })
        .map(str::to_string)
        .collect()
}

/// Temporaries (`.<name>.tmp-<pid>-<hex>`) that a killed run left behind.
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let ours = name.starts_with('.') && name.contains(".tmp-");
        if ours && e.file_type().is_ok_and(|t| t.is_file()) {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// The folder's lock file, removed when dropped. Another run committing into the same
/// folder waits for it (a commit takes milliseconds); a lock left by a killed run is taken
/// over.
struct FolderLock {
    path: PathBuf,
}

impl FolderLock {
    fn take(dir: &Path) -> Result<FolderLock> {
        let path = dir.join(LOCK);
        for _ in 0..400 {
            match fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(mut f) => {
                    let _ = write!(f, "{}", std::process::id());
                    return Ok(FolderLock { path });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    if lock_is_stale(&path) {
                        let _ = fs::remove_file(&path);
                    } else {
                        std::thread::sleep(std::time::Duration::from_millis(25));
                    }
                }
                Err(e) => return Err(cannot_write(&path, &e)),
            }
        }
        Err(Error::runtime(format!(
            "cannot write into {}: another ccsim run has been writing there for 10 seconds \
             (its lock is {}); try again, or use another --out",
            dir.display(),
            path.display()
        )))
    }
}

impl Drop for FolderLock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// A lock whose process is gone (where /proc shows processes) or that is too old.
fn lock_is_stale(path: &Path) -> bool {
    let pid = fs::read_to_string(path)
        .ok()
        .and_then(|t| t.trim().parse::<u32>().ok());
    if let Some(pid) = pid
        && Path::new("/proc/self").exists()
    {
        return !Path::new(&format!("/proc/{pid}")).exists();
    }
    fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age.as_secs() > STALE_LOCK_S)
}

/// Creates the output folder (and parents) if needed.
pub fn ensure_dir(dir: &Path) -> Result<()> {
    if dir.exists() && !dir.is_dir() {
        return Err(Error::runtime(format!(
            "cannot use {} as the output folder: it is a file, not a folder",
            dir.display()
        )));
    }
    fs::create_dir_all(dir).map_err(|e| {
        Error::runtime(format!(
            "cannot create the output folder {}: {}",
            dir.display(),
            io_reason(&e)
        ))
    })
}

/// Writes `contents` to `dir/name` atomically (temporary file, then rename).
pub fn write_atomic(dir: &Path, name: &str, contents: &[u8]) -> Result<PathBuf> {
    write_all_atomic(dir, &[(name, contents)])?;
    Ok(dir.join(name))
}

/// Writes several files into `dir` together: each first goes to a temporary name beside
/// its target, and only when all are written (and no target is a folder) are they renamed
/// into place, so a failure leaves the old files and no temporary file behind. The
/// temporary files are written and synced in parallel, which lets the file system batch
/// the work; the first failure in the order of `files` is reported.
pub fn write_all_atomic(dir: &Path, files: &[(&str, &[u8])]) -> Result<()> {
    for (name, _) in files {
        let target = dir.join(name);
        if target.is_dir() {
            return Err(Error::runtime(format!(
                "cannot write {}: a folder of that name is in the way",
                target.display()
            )));
        }
    }
    let written: Vec<Result<PathBuf>> = files
        .par_iter()
        .map(|(name, contents)| {
            write_temp(dir, name, contents).map_err(|e| cannot_write(&dir.join(name), &e))
        })
        .collect();
    // Only the temporaries this call created are renamed or removed.
    let temps: Vec<&PathBuf> = written.iter().filter_map(|w| w.as_ref().ok()).collect();
    let result = match written.iter().find_map(|w| w.as_ref().err()) {
        Some(e) => Err(e.clone()),
        None => temps.iter().zip(files).try_for_each(|(tmp, (name, _))| {
            let target = dir.join(name);
            fs::rename(tmp, &target).map_err(|e| cannot_write(&target, &e))
        }),
    };
    if result.is_err() {
        for t in &temps {
            let _ = fs::remove_file(t);
        }
    }
    result
}

/// Writes `contents` to a new temporary file beside `dir/name` and returns its path. The
/// file is created exclusively under a name nobody can guess in advance, so a file or
/// symbolic link planted there is never written through (it is skipped for another name).
fn write_temp(dir: &Path, name: &str, contents: &[u8]) -> std::io::Result<PathBuf> {
    let mut attempt = 0;
    let (path, mut f) = loop {
        let path = dir.join(format!(".{name}.tmp-{}", unique_suffix()));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(f) => break (path, f),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 16 => {
                attempt += 1;
            }
            Err(e) => return Err(e),
        }
    };
    let done = f.write_all(contents).and_then(|()| f.sync_all());
    if let Err(e) = done {
        let _ = fs::remove_file(&path);
        return Err(e);
    }
    Ok(path)
}

/// The process id, a per-process counter and the clock's nanoseconds, mixed: unique in
/// this process and not predictable from outside it.
fn unique_suffix() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    // SplitMix64 of the clock and counter: spreads nearby values over all 64 bits.
    let mut z = nanos ^ n.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (std::process::id() as u64) << 32;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    format!("{}-{:016x}", std::process::id(), z ^ (z >> 31))
}

fn cannot_write(target: &Path, e: &std::io::Error) -> Error {
    Error::runtime(format!(
        "cannot write {}: {}",
        target.display(),
        io_reason(e)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(tag: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("ccsim-output-{tag}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_in_place_of_a_result_is_replaced_not_written_through() {
        let dir = temp_dir("symlink");
        let outside = dir.join("outside.txt");
        fs::write(&outside, "keep me").unwrap();
        let folder = dir.join("out");
        fs::create_dir(&folder).unwrap();
        std::os::unix::fs::symlink(&outside, folder.join("summary.json")).unwrap();
        write_atomic(&folder, "summary.json", b"new").unwrap();
        assert_eq!(fs::read_to_string(&outside).unwrap(), "keep me");
        let target = folder.join("summary.json");
        assert!(fs::symlink_metadata(&target).unwrap().is_file());
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        // Nothing else is left in the folder: the temporary was renamed into place.
        assert_eq!(fs::read_dir(&folder).unwrap().count(), 1);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn temporary_names_are_never_reused() {
        let a: Vec<String> = (0..1000).map(|_| unique_suffix()).collect();
        let set: std::collections::HashSet<&String> = a.iter().collect();
        assert_eq!(set.len(), a.len());
    }
}
