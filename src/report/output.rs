//! Writing result files safely: each file goes to a temporary name in the same folder and
//! is renamed into place, so an interrupted run never leaves a half-written file, and only
//! the files ccsim names are touched.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Result, io_reason};

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
    let temps: Vec<PathBuf> = files
        .iter()
        .map(|(name, _)| dir.join(format!(".{name}.tmp-{}", std::process::id())))
        .collect();
    let written: Vec<Result<()>> = files
        .par_iter()
        .zip(&temps)
        .map(|((name, contents), tmp)| {
            write_file(tmp, contents).map_err(|e| cannot_write(&dir.join(name), &e))
        })
        .collect();
    let result = written.into_iter().collect::<Result<()>>().and_then(|()| {
        for (tmp, (name, _)) in temps.iter().zip(files) {
            let target = dir.join(name);
            fs::rename(tmp, &target).map_err(|e| cannot_write(&target, &e))?;
        }
        Ok(())
    });
    if result.is_err() {
        for t in &temps {
            let _ = fs::remove_file(t);
        }
    }
    result
}

fn write_file(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let mut f = fs::File::create(path)?;
    f.write_all(contents)?;
    f.sync_all()
}

fn cannot_write(target: &Path, e: &std::io::Error) -> Error {
    Error::runtime(format!(
        "cannot write {}: {}",
        target.display(),
        io_reason(e)
    ))
}
