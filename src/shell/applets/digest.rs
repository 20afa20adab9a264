//! `md5sum` and `sha256sum` with real digests (busybox `coreutils/md5_sha1_sum.c` output:
//! `HASH  NAME`, `-` for standard input).

use md5::{Digest as _, Md5};
use sha2::Sha256;

use crate::shell::interp::{Res, Shell};

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn sum(sh: &mut Shell<'_>, argv: &[String], name: &str, digest: fn(&[u8]) -> String) -> Res {
    let (_, files) = super::split_flags(&argv[1..]);
    let mut status = 0;
    let targets: Vec<String> = if files.is_empty() {
        vec!["-".to_owned()]
    } else {
        files
    };
    for f in targets {
        let (data, ok) = sh.read_inputs(name, std::slice::from_ref(&f));
        if !ok {
            status = 1;
            continue;
        }
        let line = format!("{}  {f}\n", digest(&data.concat()));
        sh.write_fd(1, line.as_bytes());
    }
    Ok(status)
}

/// `md5sum [FILE]...`.
pub fn md5sum(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    sum(sh, argv, "md5sum", |d| hex(&Md5::digest(d)))
}

/// `sha256sum [FILE]...`.
pub fn sha256sum(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    sum(sh, argv, "sha256sum", |d| hex(&Sha256::digest(d)))
}
