//! Writing result files safely: each file goes to a temporary name in the same folder and
//! is renamed into place, so an interrupted run never leaves a half-written file, and only
//! the files ccsim names are touched.
//!
//! A command's results go through one [`OutputFolder`]: every file is produced first,
//! then all are written and renamed together under a lock, and the files an earlier run
//! wrote there that this one did not (charts after `--no-charts`) are removed, so the
//! folder holds one run's results, never a mix.
//!
//! The renames are made safe against a kill by a roll-forward journal: once every
//! temporary is written and synced, the list of renames and removals is itself written
//! (`.ccsim-commit`), then carried out, then the journal is removed. Whoever next takes
//! the folder's lock finds a journal left by a killed run and completes it before
//! anything else, so the folder then holds the killed run's complete results.

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
/// The renames and removals of a commit in progress (see the module's documentation).
const JOURNAL: &str = ".ccsim-commit";
/// The journal's first line.
const JOURNAL_HEADER: &str = "ccsim commit journal v1";
/// A lock older than this is left over from a killed run (a commit takes milliseconds).
const STALE_LOCK_S: u64 = 60;
/// Test-only hook: with this variable set to N, a commit aborts the process (as a kill
/// would stop it) right after its N-th rename, so that tests can check that the next run
/// completes the interrupted commit. Nothing else reads it; users have no use for it.
const TEST_ABORT_AFTER_RENAMES: &str = "CCSIM_TEST_ABORT_AFTER_RENAMES";

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

    /// Writes every file (all or none), under the folder's lock: an interrupted commit
    /// found there is completed and temporaries left by killed runs are removed; then
    /// the files are written to temporaries, the journal of renames is written, the
    /// files are renamed into place (the list of what was written, `.ccsim-files`, last),
    /// files the previous run listed that this run did not write are removed, and the
    /// journal is removed. Returns the names written.
    pub fn commit(self) -> Result<Vec<String>> {
        ensure_dir(&self.dir)?;
        let _lock = FolderLock::take(&self.dir)?;
        recover(&self.dir);
        let names: Vec<String> = self.files.iter().map(|(n, _)| n.clone()).collect();
        let mut list = names.join("\n");
        list.push('\n');
        let mut files: Vec<(&str, &[u8])> = self
            .files
            .iter()
            .map(|(n, c)| (n.as_str(), c.as_slice()))
            .collect();
        files.push((MANIFEST, list.as_bytes()));
        let temps = write_temporaries(&self.dir, &files)?;
        let journal = Journal {
            renames: temps
                .into_iter()
                .zip(&files)
                .map(|(tmp, (name, _))| (file_name(&tmp), name.to_string()))
                .collect(),
            removals: previous_files(&self.dir)
                .into_iter()
                .filter(|old| !names.contains(old))
                .collect(),
        };
        journal.write(&self.dir)?;
        journal.carry_out(&self.dir, abort_after_renames())?;
        Ok(names)
    }
}

/// The renames and removals of one commit, in order.
#[derive(Debug, PartialEq)]
struct Journal {
    /// (temporary, target): plain names in the folder.
    renames: Vec<(String, String)>,
    /// Files of the previous run that this one did not write.
    removals: Vec<String>,
}

impl Journal {
    fn text(&self) -> String {
        let mut t = format!("{JOURNAL_HEADER}\n");
        for (tmp, target) in &self.renames {
            t.push_str(&format!("rename\t{tmp}\t{target}\n"));
        }
        for old in &self.removals {
            t.push_str(&format!("remove\t{old}\n"));
        }
        t
    }

    /// Reads a journal back, keeping only what a commit can have written: temporaries
    /// renamed to result names and result names removed, all plain names inside the
    /// folder (a tampered journal can never touch anything else). None if it is not a
    /// journal at all.
    fn parse(text: &str) -> Option<Journal> {
        let mut lines = text.lines();
        if lines.next() != Some(JOURNAL_HEADER) {
            return None;
        }
        let mut j = Journal {
            renames: Vec::new(),
            removals: Vec::new(),
        };
        for line in lines {
            match line.split('\t').collect::<Vec<_>>()[..] {
                ["rename", tmp, target] if is_temporary(tmp) && is_result(target) => {
                    j.renames.push((tmp.to_string(), target.to_string()));
                }
                ["remove", old] if is_result(old) && old != MANIFEST => {
                    j.removals.push(old.to_string());
                }
                _ => {}
            }
        }
        Some(j)
    }

    /// Writes the journal (synced, then renamed into place, then the folder synced), so
    /// that it is whole whenever it exists. On failure the temporaries are removed and
    /// the folder is as it was.
    fn write(&self, dir: &Path) -> Result<()> {
        let text = self.text();
        let written = write_temp(dir, JOURNAL, text.as_bytes()).and_then(|tmp| {
            fs::rename(&tmp, dir.join(JOURNAL)).inspect_err(|_| {
                let _ = fs::remove_file(&tmp);
            })
        });
        if let Err(e) = written {
            for (tmp, _) in &self.renames {
                let _ = fs::remove_file(dir.join(tmp));
            }
            return Err(cannot_write(&dir.join(JOURNAL), &e));
        }
        sync_folder(dir);
        Ok(())
    }

    /// Renames every temporary still present into place, removes the old files, then
    /// the journal. A rename that fails leaves the journal, so that the next commit
    /// into the folder tries again; the first failure is reported.
    fn carry_out(&self, dir: &Path, abort_after: Option<usize>) -> Result<()> {
        let mut first_error = None;
        for (i, (tmp, target)) in self.renames.iter().enumerate() {
            let from = dir.join(tmp);
            if !from.exists() {
                continue; // renamed before an interruption
            }
            if let Err(e) = fs::rename(&from, dir.join(target)) {
                first_error.get_or_insert_with(|| cannot_write(&dir.join(target), &e));
            }
            if abort_after == Some(i + 1) {
                std::process::abort();
            }
        }
        for old in &self.removals {
            let _ = fs::remove_file(dir.join(old));
        }
        match first_error {
            Some(e) => Err(e),
            None => {
                let _ = fs::remove_file(dir.join(JOURNAL));
                Ok(())
            }
        }
    }
}

/// The test-only hook [`TEST_ABORT_AFTER_RENAMES`].
fn abort_after_renames() -> Option<usize> {
    std::env::var(TEST_ABORT_AFTER_RENAMES)
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// Run under the folder's lock before anything else: completes the commit a killed run
/// left (its journal), then removes every temporary left behind. Every ccsim temporary
/// is created under the lock, so the lock holder knows none of them belongs to a live
/// run. Best effort: what cannot be completed is cleaned up, and the new commit that
/// follows writes every file anyway.
fn recover(dir: &Path) {
    let path = dir.join(JOURNAL);
    if let Ok(text) = fs::read_to_string(&path) {
        if let Some(journal) = Journal::parse(&text) {
            let _ = journal.carry_out(dir, None);
        }
        let _ = fs::remove_file(&path);
    }
    remove_stale_temporaries(dir);
}

/// A plain file name in the folder: no path separator, not `.` or `..`.
fn is_plain(name: &str) -> bool {
    !name.is_empty() && name != "." && name != ".." && !name.contains(['/', '\\', '\0'])
}

/// A name ccsim gives a temporary (see [`write_temp`]).
fn is_temporary(name: &str) -> bool {
    is_plain(name) && name.starts_with('.') && name.contains(".tmp-")
}

/// A name a commit writes: a result (never hidden) or the manifest.
fn is_result(name: &str) -> bool {
    is_plain(name) && (!name.starts_with('.') || name == MANIFEST)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Makes the folder's entries (the journal, renamed files) durable where the platform
/// allows it; a failure only weakens the guarantee after a power cut, so it is ignored.
fn sync_folder(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// The names the previous run listed: plain file names only (a tampered list naming
/// `../x` or a sub-folder is ignored, so nothing outside the folder is ever removed).
fn previous_files(dir: &Path) -> Vec<String> {
    let Ok(text) = fs::read_to_string(dir.join(MANIFEST)) else {
        return Vec::new();
    };
    text.lines()
        .filter(|n| is_result(n) && *n != MANIFEST && dir.join(n).is_file())
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
        if is_temporary(&name) && e.file_type().is_ok_and(|t| t.is_file()) {
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

/// Writes one file, `contents`, to `dir/name` atomically (a temporary file, then a
/// rename), under the folder's lock, leaving the folder's other files alone (`check`'s
/// baselines). Like a commit, it first completes an interrupted commit found there.
pub fn write_atomic(dir: &Path, name: &str, contents: &[u8]) -> Result<PathBuf> {
    let _lock = FolderLock::take(dir)?;
    recover(dir);
    let tmp = write_temporaries(dir, &[(name, contents)])?.remove(0);
    let target = dir.join(name);
    fs::rename(&tmp, &target).map_err(|e| {
        let _ = fs::remove_file(&tmp);
        cannot_write(&target, &e)
    })?;
    Ok(target)
}

/// Writes each file to a temporary name beside its target and returns their paths, in
/// the order of `files`; only when all are written (and no target is a folder) does it
/// succeed, otherwise it removes the temporaries it made, so a failure leaves the folder
/// as it was. The temporary files are written and synced in parallel, which lets the file
/// system batch the work; the first failure in the order of `files` is reported.
fn write_temporaries(dir: &Path, files: &[(&str, &[u8])]) -> Result<Vec<PathBuf>> {
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
    match written.iter().find_map(|w| w.as_ref().err()) {
        Some(e) => {
            // Only the temporaries this call created are removed.
            for t in written.iter().filter_map(|w| w.as_ref().ok()) {
                let _ = fs::remove_file(t);
            }
            Err(e.clone())
        }
        None => Ok(written.into_iter().map(|w| w.expect("no error")).collect()),
    }
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
    fn a_journal_reads_back_and_a_tampered_one_touches_only_results_in_the_folder() {
        let j = Journal {
            renames: vec![
                (".summary.json.tmp-1-ab".into(), "summary.json".into()),
                (".ccsim-files.tmp-1-cd".into(), MANIFEST.into()),
            ],
            removals: vec!["chart-service-level.png".into()],
        };
        assert_eq!(Journal::parse(&j.text()), Some(j));
        let tampered = format!(
            "{JOURNAL_HEADER}\nrename\t../x.tmp-1\tsummary.json\nrename\t.a.tmp-1\t../../etc/x\n\
             rename\t.a.tmp-1\t.bashrc\nrename\tplain.txt\treport.md\nremove\t../notes\n\
             remove\t.ccsim-files\nremove\tsub/x\nremove\treport.md\nmove\ta\tb\n"
        );
        let j = Journal::parse(&tampered).unwrap();
        assert!(j.renames.is_empty(), "{j:?}");
        assert_eq!(j.removals, ["report.md"]);
        assert_eq!(Journal::parse("rename\t.a.tmp-1\tb\n"), None);
    }

    /// A commit interrupted after its first rename (the state a kill leaves) is completed
    /// by the next writer: every file of the interrupted commit, its list, nothing else.
    #[test]
    fn the_next_writer_completes_an_interrupted_commit() {
        let dir = temp_dir("journal");
        let mut first = OutputFolder::new(&dir);
        first.add("a.txt", "old a");
        first.add("b.txt", "old b");
        first.add("old-only.txt", "old");
        first.commit().unwrap();
        // The second commit, done by hand up to its first rename.
        let files: [(&str, &[u8]); 3] = [
            ("a.txt", b"new a"),
            ("b.txt", b"new b"),
            (MANIFEST, b"a.txt\nb.txt\n"),
        ];
        let temps = write_temporaries(&dir, &files).unwrap();
        let journal = Journal {
            renames: temps
                .iter()
                .zip(&files)
                .map(|(t, (n, _))| (file_name(t), n.to_string()))
                .collect(),
            removals: vec!["old-only.txt".into()],
        };
        journal.write(&dir).unwrap();
        fs::rename(&temps[0], dir.join("a.txt")).unwrap();
        assert_eq!(
            fs::read_to_string(dir.join("b.txt")).unwrap(),
            "old b",
            "a mix"
        );
        // A stale temporary of some other killed run, and a file that is not ccsim's.
        fs::write(dir.join(".c.txt.tmp-99-ff"), "half").unwrap();
        fs::write(dir.join("mine.txt"), "mine").unwrap();
        write_atomic(&dir, "baseline.json", b"{}").unwrap();
        let mut names: Vec<String> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(
            names,
            [MANIFEST, "a.txt", "b.txt", "baseline.json", "mine.txt"]
        );
        assert_eq!(fs::read_to_string(dir.join("a.txt")).unwrap(), "new a");
        assert_eq!(fs::read_to_string(dir.join("b.txt")).unwrap(), "new b");
        assert_eq!(
            fs::read_to_string(dir.join(MANIFEST)).unwrap(),
            "a.txt\nb.txt\n"
        );
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn temporary_names_are_never_reused() {
        let a: Vec<String> = (0..1000).map(|_| unique_suffix()).collect();
        let set: std::collections::HashSet<&String> = a.iter().collect();
        assert_eq!(set.len(), a.len());
    }
}
