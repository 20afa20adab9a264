//! Files a container sees: its own root file system plus mounted volumes (`emptyDir`,
//! `configMap`, `secret`, `downwardAPI`, …), all plain owned data.
//!
//! The kubelet keeps one [`Volumes`] map per pod and lends it to each container run, so an
//! `emptyDir` is shared by the init containers and containers of a pod and survives in-place
//! restarts, while every container run starts from a fresh root.

use std::collections::BTreeMap;

/// A directory: entries by name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dir {
    pub entries: BTreeMap<String, Node>,
}

/// A directory entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    File(File),
    Dir(Dir),
}

/// A regular file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct File {
    pub data: Vec<u8>,
    /// Last modification, unix milliseconds.
    pub mtime_ms: i64,
    pub executable: bool,
}

/// A pod volume's content.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Volume {
    pub root: Dir,
    /// `configMap`, `secret`, `downwardAPI` and `projected` volumes are always read-only.
    pub read_only: bool,
}

/// A pod's volumes by name, kept by the kubelet for the pod's lifetime.
pub type Volumes = BTreeMap<String, Volume>;

impl Volume {
    /// An empty writable volume (`emptyDir`).
    pub fn empty_dir() -> Self {
        Self::default()
    }

    /// A read-only volume holding `files` (relative paths, as `configMap` items are), the way
    /// the kubelet projects `configMap`, `secret` and `downwardAPI` volumes.
    pub fn with_files<'a>(files: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> Self {
        let mut root = Dir::default();
        for (path, data) in files {
            let parts: Vec<&str> = path
                .split('/')
                .filter(|p| !p.is_empty() && *p != ".")
                .collect();
            if let Some((name, dirs)) = parts.split_last() {
                let mut dir = &mut root;
                for d in dirs {
                    let entry = dir
                        .entries
                        .entry((*d).to_owned())
                        .or_insert_with(|| Node::Dir(Dir::default()));
                    if !matches!(entry, Node::Dir(_)) {
                        *entry = Node::Dir(Dir::default());
                    }
                    let Node::Dir(next) = entry else {
                        unreachable!("set to a directory just above")
                    };
                    dir = next;
                }
                dir.entries.insert(
                    (*name).to_owned(),
                    Node::File(File {
                        data: data.to_vec(),
                        ..File::default()
                    }),
                );
            }
        }
        Self {
            root,
            read_only: true,
        }
    }
}

/// A volume mounted into a container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mount {
    /// Absolute mount path (`volumeMounts[].mountPath`).
    pub path: String,
    /// Volume name (`volumeMounts[].name`).
    pub volume: String,
    pub read_only: bool,
}

/// Why a file operation failed, as errno names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FsError {
    NotFound,
    NotDir,
    IsDir,
    Exists,
    ReadOnly,
    NotEmpty,
    /// The file would grow past [`MAX_FILE_BYTES`].
    NoSpace,
}

/// Largest file jobsim stores; writing more fails with "No space left on device".
pub const MAX_FILE_BYTES: usize = 16 << 20;

impl FsError {
    /// The C library's `strerror` text.
    pub fn strerror(self) -> &'static str {
        match self {
            Self::NotFound => "No such file or directory",
            Self::NotDir => "Not a directory",
            Self::IsDir => "Is a directory",
            Self::Exists => "File exists",
            Self::ReadOnly => "Read-only file system",
            Self::NotEmpty => "Directory not empty",
            Self::NoSpace => "No space left on device",
        }
    }
}

/// What a container sees: its root plus mounts of volumes it holds for the run.
#[derive(Debug, Clone, Default)]
pub struct Fs {
    /// Built on first use (a container that never looks at its root, like `sleep 30`, costs
    /// nothing), then shared until first written (copy on write).
    root: std::cell::OnceCell<std::rc::Rc<Dir>>,
    pod: PodNetwork,
    pub mounts: Vec<Mount>,
    pub volumes: Volumes,
}

/// Splits an absolute path into normal components (`.` and `..` resolved).
pub fn components(path: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            p => out.push(p),
        }
    }
    out
}

/// Joins `path` to `cwd` unless it is absolute, and normalizes it.
pub fn absolute(cwd: &str, path: &str) -> String {
    let joined = if path.starts_with('/') {
        path.to_owned()
    } else {
        format!("{cwd}/{path}")
    };
    let parts = components(&joined);
    if parts.is_empty() {
        "/".to_owned()
    } else {
        format!("/{}", parts.join("/"))
    }
}

impl Fs {
    /// A root file system with the directories of a small Linux image plus `/etc/hostname`
    /// and `/etc/hosts` for `hostname`; built when first used.
    pub fn new_root(hostname: &str) -> Self {
        Self::for_pod(PodNetwork::new(hostname))
    }

    /// [`Fs::new_root`] with the files the kubelet and the runtime write for the pod
    /// (`/etc/hosts`, `/etc/resolv.conf`, `/etc/hostname`) and the node's `/proc` files.
    pub fn for_pod(pod: PodNetwork) -> Self {
        Self {
            pod,
            ..Self::default()
        }
    }

    /// The root tree, built on first use (shared with earlier containers of the same host
    /// name until written).
    fn root(&self) -> &std::rc::Rc<Dir> {
        self.root.get_or_init(|| shared_root(&self.pod))
    }

    fn root_mut(&mut self) -> &mut Dir {
        self.root();
        let root = self.root.get_mut().expect("initialised just above");
        std::rc::Rc::make_mut(root)
    }

    /// The root tree as the container left it.
    pub fn into_root(self) -> std::rc::Rc<Dir> {
        self.root
            .into_inner()
            .unwrap_or_else(|| std::rc::Rc::new(Dir::default()))
    }

    /// Mounts `volume` (taken out of `volumes`) at `path`.
    pub fn mount(&mut self, mount: Mount, volume: Volume) {
        let _ = self.mkdir_p(&mount.path);
        self.volumes.entry(mount.volume.clone()).or_insert(volume);
        self.mounts.push(mount);
    }

    /// Finds the directory tree a path lives in and the path inside it.
    fn locate<'p>(&self, path: &'p str) -> (Option<usize>, Vec<&'p str>) {
        let parts = components(path);
        let mut best: Option<(usize, usize)> = None;
        for (idx, m) in self.mounts.iter().enumerate() {
            let mparts = components(&m.path);
            if parts.len() >= mparts.len()
                && parts[..mparts.len()] == mparts[..]
                && best.is_none_or(|(_, len)| mparts.len() >= len)
            {
                best = Some((idx, mparts.len()));
            }
        }
        match best {
            Some((idx, len)) => (Some(idx), parts[len..].to_vec()),
            None => (None, parts),
        }
    }

    fn tree(&self, mount: Option<usize>) -> Option<&Dir> {
        match mount {
            None => Some(self.root()),
            Some(i) => self
                .volumes
                .get(&self.mounts.get(i)?.volume)
                .map(|v| &v.root),
        }
    }

    fn tree_mut(&mut self, mount: Option<usize>) -> Result<&mut Dir, FsError> {
        match mount {
            None => Ok(self.root_mut()),
            Some(i) => {
                let m = self.mounts.get(i).ok_or(FsError::NotFound)?;
                let read_only = m.read_only;
                let vol = self.volumes.get_mut(&m.volume).ok_or(FsError::NotFound)?;
                if read_only || vol.read_only {
                    return Err(FsError::ReadOnly);
                }
                Ok(&mut vol.root)
            }
        }
    }

    /// Looks a path up.
    pub fn get(&self, path: &str) -> Result<&Node, FsError> {
        static ROOT: std::sync::OnceLock<Node> = std::sync::OnceLock::new();
        let (mount, parts) = self.locate(path);
        let tree = self.tree(mount).ok_or(FsError::NotFound)?;
        let Some((last, dirs)) = parts.split_last() else {
            return match mount {
                // The root of a mount: present its tree as a directory node.
                Some(_) => Err(FsError::IsDir),
                None => Ok(ROOT.get_or_init(|| Node::Dir(Dir::default()))),
            };
        };
        let dir = walk(tree, dirs)?;
        dir.entries.get(*last).ok_or(FsError::NotFound)
    }

    /// Whether the path is a directory.
    pub fn is_dir(&self, path: &str) -> bool {
        matches!(self.get(path), Ok(Node::Dir(_)) | Err(FsError::IsDir))
    }

    /// Whether anything exists at the path.
    pub fn exists(&self, path: &str) -> bool {
        matches!(self.get(path), Ok(_) | Err(FsError::IsDir))
    }

    /// Reads a file.
    pub fn read(&self, path: &str) -> Result<&[u8], FsError> {
        match self.get(path)? {
            Node::File(f) => Ok(&f.data),
            Node::Dir(_) => Err(FsError::IsDir),
        }
    }

    /// Lists a directory (sorted names).
    pub fn list(&self, path: &str) -> Result<Vec<String>, FsError> {
        let (mount, parts) = self.locate(path);
        let tree = self.tree(mount).ok_or(FsError::NotFound)?;
        let mut names: Vec<String> = walk(tree, &parts)?.entries.keys().cloned().collect();
        // Mount points directly below this directory appear as entries too.
        let here = components(path);
        for m in &self.mounts {
            let mparts = components(&m.path);
            if mparts.len() == here.len() + 1 && mparts[..here.len()] == here[..] {
                let name = mparts[here.len()].to_owned();
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
        crate::sort::sort(&mut names);
        Ok(names)
    }

    /// Writes (or appends to) a file, creating it.
    pub fn write(
        &mut self,
        path: &str,
        data: &[u8],
        append: bool,
        now_ms: i64,
    ) -> Result<(), FsError> {
        let (mount, parts) = self.locate(path);
        let (last, dirs) = parts.split_last().ok_or(FsError::IsDir)?;
        let last = (*last).to_owned();
        let dirs: Vec<String> = dirs.iter().map(|s| (*s).to_owned()).collect();
        let tree = self.tree_mut(mount)?;
        let dir = walk_mut(tree, &dirs)?;
        match dir
            .entries
            .entry(last)
            .or_insert_with(|| Node::File(File::default()))
        {
            Node::Dir(_) => Err(FsError::IsDir),
            Node::File(f) => {
                if !append {
                    f.data.clear();
                }
                if f.data.len() + data.len() > MAX_FILE_BYTES {
                    return Err(FsError::NoSpace);
                }
                f.data.extend_from_slice(data);
                f.mtime_ms = now_ms;
                Ok(())
            }
        }
    }

    /// Creates one directory.
    pub fn mkdir(&mut self, path: &str) -> Result<(), FsError> {
        if self.exists(path) {
            return Err(FsError::Exists);
        }
        let (mount, parts) = self.locate(path);
        let (last, dirs) = parts.split_last().ok_or(FsError::Exists)?;
        let last = (*last).to_owned();
        let dirs: Vec<String> = dirs.iter().map(|s| (*s).to_owned()).collect();
        let dir = walk_mut(self.tree_mut(mount)?, &dirs)?;
        dir.entries.insert(last, Node::Dir(Dir::default()));
        Ok(())
    }

    /// Creates a directory and its parents.
    pub fn mkdir_p(&mut self, path: &str) -> Result<(), FsError> {
        let parts = components(path);
        let mut cur = String::new();
        for p in parts {
            cur.push('/');
            cur.push_str(p);
            match self.get(&cur) {
                Ok(Node::Dir(_)) | Err(FsError::IsDir) => {}
                Ok(Node::File(_)) => return Err(FsError::NotDir),
                Err(_) => self.mkdir(&cur)?,
            }
        }
        Ok(())
    }

    /// Removes a file or (with `recursive`, or when empty) a directory.
    pub fn remove(&mut self, path: &str, recursive: bool) -> Result<(), FsError> {
        let (mount, parts) = self.locate(path);
        let (last, dirs) = parts.split_last().ok_or(FsError::ReadOnly)?;
        let last = (*last).to_owned();
        let dirs: Vec<String> = dirs.iter().map(|s| (*s).to_owned()).collect();
        let dir = walk_mut(self.tree_mut(mount)?, &dirs)?;
        match dir.entries.get(&last) {
            None => Err(FsError::NotFound),
            Some(Node::Dir(d)) if !recursive && !d.entries.is_empty() => Err(FsError::NotEmpty),
            Some(_) => {
                dir.entries.remove(&last);
                Ok(())
            }
        }
    }

    /// Sets a file's modification time, creating it empty if missing.
    pub fn touch(&mut self, path: &str, now_ms: i64) -> Result<(), FsError> {
        match self.get(path) {
            Ok(Node::Dir(_)) | Err(FsError::IsDir) => Ok(()),
            Ok(Node::File(_)) => self.write(path, b"", true, now_ms),
            Err(FsError::NotFound) => self.write(path, b"", false, now_ms),
            Err(e) => Err(e),
        }
    }

    /// Total bytes stored in files of the root and of every held volume.
    pub fn size(&self) -> usize {
        fn dir_size(d: &Dir) -> usize {
            d.entries
                .values()
                .map(|n| match n {
                    Node::File(f) => f.data.len(),
                    Node::Dir(d) => dir_size(d),
                })
                .sum()
        }
        dir_size(self.root())
            + self
                .volumes
                .values()
                .map(|v| dir_size(&v.root))
                .sum::<usize>()
    }
}

fn walk<'d>(mut dir: &'d Dir, parts: &[&str]) -> Result<&'d Dir, FsError> {
    for p in parts {
        match dir.entries.get(*p) {
            Some(Node::Dir(d)) => dir = d,
            Some(Node::File(_)) => return Err(FsError::NotDir),
            None => return Err(FsError::NotFound),
        }
    }
    Ok(dir)
}

fn walk_mut<'d>(mut dir: &'d mut Dir, parts: &[String]) -> Result<&'d mut Dir, FsError> {
    for p in parts {
        match dir.entries.get_mut(p) {
            Some(Node::Dir(d)) => dir = d,
            Some(Node::File(_)) => return Err(FsError::NotDir),
            None => return Err(FsError::NotFound),
        }
    }
    Ok(dir)
}

/// What a pod's root shows of the pod and its node: `/etc/hostname`, the kubelet-managed
/// `/etc/hosts` (Kubernetes `pkg/kubelet/kubelet_pods.go` `managedHostsFileContent`), the
/// `/etc/resolv.conf` of `dnsPolicy: ClusterFirst` (kubelet `pkg/kubelet/network/dns/dns.go`,
/// written by containerd as `search`, `nameserver`, `options` lines) and `/proc/cpuinfo`,
/// `/proc/meminfo` of the node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PodNetwork {
    pub hostname: String,
    pub pod_ip: String,
    pub namespace: String,
    /// CPUs of the node (`/proc/cpuinfo` lists one `processor` each).
    pub cpus: u32,
}

/// The cluster DNS Service's address (kube-dns in kubeadm and kind clusters).
pub const CLUSTER_DNS_IP: &str = "10.96.0.10";

impl PodNetwork {
    /// A pod of namespace `default` with IP `10.244.0.2` on a 2-CPU node.
    pub fn new(hostname: &str) -> Self {
        Self {
            hostname: hostname.to_owned(),
            pod_ip: "10.244.0.2".to_owned(),
            namespace: "default".to_owned(),
            cpus: 2,
        }
    }
}

impl Default for PodNetwork {
    fn default() -> Self {
        Self::new("")
    }
}

/// The node's memory in `/proc/meminfo` (kB): the default worker's 16 GiB.
const MEM_TOTAL_KB: u64 = 16 * 1024 * 1024;

fn cpuinfo(cpus: u32) -> String {
    let mut out = String::new();
    for n in 0..cpus.max(1) {
        out.push_str(&format!(
            "processor\t: {n}\nvendor_id\t: GenuineIntel\ncpu family\t: 6\nmodel\t\t: 85\n\
             model name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\nstepping\t: 7\ncpu MHz\t\t: 2200.000\n\
             cache size\t: 39424 KB\nphysical id\t: 0\nsiblings\t: {cpus}\ncore id\t\t: {n}\n\
             cpu cores\t: {cpus}\nbogomips\t: 4400.00\n\n"
        ));
    }
    out
}

fn meminfo() -> String {
    let free = MEM_TOTAL_KB * 3 / 4;
    let avail = MEM_TOTAL_KB * 7 / 8;
    format!(
        "MemTotal:       {MEM_TOTAL_KB:>8} kB\nMemFree:        {free:>8} kB\n\
         MemAvailable:   {avail:>8} kB\nBuffers:        {:>8} kB\nCached:         {:>8} kB\n\
         SwapCached:            0 kB\nSwapTotal:             0 kB\nSwapFree:              0 kB\n",
        MEM_TOTAL_KB / 64,
        MEM_TOTAL_KB / 16,
    )
}

/// The root of a container of this pod: built once per pod (a pod's restarted containers
/// share it until they write).
fn shared_root(pod: &PodNetwork) -> std::rc::Rc<Dir> {
    thread_local! {
        static TEMPLATE: std::cell::RefCell<Option<(PodNetwork, std::rc::Rc<Dir>)>> =
            const { std::cell::RefCell::new(None) };
    }
    let cached = TEMPLATE.with(|t| {
        t.borrow()
            .as_ref()
            .filter(|(p, _)| p == pod)
            .map(|(_, d)| std::rc::Rc::clone(d))
    });
    if let Some(root) = cached {
        return root;
    }
    let mut root = Dir::default();
    for d in [
        "bin", "dev", "etc", "home", "lib", "proc", "root", "sys", "tmp", "usr", "var",
    ] {
        root.entries.insert(d.to_owned(), Node::Dir(Dir::default()));
    }
    let PodNetwork {
        hostname,
        pod_ip,
        namespace,
        cpus,
    } = pod;
    let hosts = format!(
        "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n\
         fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n\
         {pod_ip}\t{hostname}\n"
    );
    let resolv = format!(
        "search {namespace}.svc.cluster.local svc.cluster.local cluster.local\n\
         nameserver {CLUSTER_DNS_IP}\noptions ndots:5\n"
    );
    let file = |data: Vec<u8>| {
        Node::File(File {
            data,
            ..File::default()
        })
    };
    if let Some(Node::Dir(etc)) = root.entries.get_mut("etc") {
        for (name, data) in [
            ("hostname", format!("{hostname}\n").into_bytes()),
            ("hosts", hosts.into_bytes()),
            ("resolv.conf", resolv.into_bytes()),
            ("passwd", b"root:x:0:0:root:/root:/bin/sh\n".to_vec()),
        ] {
            etc.entries.insert(name.to_owned(), file(data));
        }
    }
    if let Some(Node::Dir(proc)) = root.entries.get_mut("proc") {
        proc.entries
            .insert("cpuinfo".to_owned(), file(cpuinfo(*cpus).into_bytes()));
        proc.entries
            .insert("meminfo".to_owned(), file(meminfo().into_bytes()));
    }
    let root = std::rc::Rc::new(root);
    TEMPLATE.with(|t| *t.borrow_mut() = Some((pod.clone(), std::rc::Rc::clone(&root))));
    root
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emptydir_mount_receives_writes_and_root_stays_private() {
        let mut fs = Fs::new_root("pod");
        fs.mount(
            Mount {
                path: "/data".into(),
                volume: "shared".into(),
                read_only: false,
            },
            Volume::empty_dir(),
        );
        fs.write("/data/result.txt", b"ok\n", false, 5)
            .expect("emptyDir is writable");
        fs.write("/tmp/x", b"1", false, 5)
            .expect("root is writable");
        assert_eq!(fs.read("/data/result.txt"), Ok(&b"ok\n"[..]));
        let vol = &fs.volumes["shared"];
        assert!(vol.root.entries.contains_key("result.txt"));
        assert!(!vol.root.entries.contains_key("x"));
        assert!(
            fs.list("/")
                .expect("root lists")
                .contains(&"data".to_owned())
        );
    }

    #[test]
    fn configmap_volume_is_read_only_with_nested_items() {
        let mut fs = Fs::new_root("pod");
        let vol = Volume::with_files([("conf/app.properties", &b"a=1\n"[..])]);
        fs.mount(
            Mount {
                path: "/etc/config".into(),
                volume: "cfg".into(),
                read_only: true,
            },
            vol,
        );
        assert_eq!(
            fs.read("/etc/config/conf/app.properties"),
            Ok(&b"a=1\n"[..])
        );
        assert_eq!(
            fs.write("/etc/config/x", b"", false, 0),
            Err(FsError::ReadOnly)
        );
    }

    #[test]
    fn errors_name_the_errno() {
        let mut fs = Fs::new_root("pod");
        assert_eq!(fs.write("/nope/x", b"", false, 0), Err(FsError::NotFound));
        assert_eq!(fs.read("/etc"), Err(FsError::IsDir));
        assert_eq!(fs.mkdir("/etc"), Err(FsError::Exists));
        fs.write("/tmp/d/x", b"", false, 0)
            .expect_err("parent missing");
        fs.mkdir_p("/tmp/d/e").expect("mkdir -p");
        assert_eq!(fs.remove("/tmp/d", false), Err(FsError::NotEmpty));
        fs.remove("/tmp/d", true).expect("rm -r");
        assert_eq!(absolute("/a/b", "../c/./d"), "/a/c/d");
    }
}
