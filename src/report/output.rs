//! Writing result files safely: each file goes to a temporary name in the same folder and
//! is renamed into place, so an interrupted run never leaves a half-written file, and only
//! the files ccsim names are touched.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

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
    let target = dir.join(name);
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let fail = |e: std::io::Error| {
        let _ = fs::remove_file(&tmp);
        Error::runtime(format!(
            "cannot write {}: {}",
            target.display(),
            io_reason(&e)
        ))
    };
    let mut f = fs::File::create(&tmp).map_err(fail)?;
    f.write_all(contents).map_err(fail)?;
    f.sync_all().map_err(fail)?;
    drop(f);
    fs::rename(&tmp, &target).map_err(fail)?;
    Ok(target)
}
