#!/usr/bin/env python3
"""Writes the fixture objects (tests/golden/kubectl/fixtures/*.json) relative to the current
second, and `now.txt`, so a real kubectl run right after prints the ages the fixtures encode.
Offsets sit mid-interval, so a second or two of drift does not change any printed age."""
import json
import os
import sys
from datetime import datetime, timedelta, timezone

OUT = sys.argv[1]
NOW = datetime.now(timezone.utc).replace(microsecond=0)


def t(**delta):
    return (NOW - timedelta(**delta)).strftime("%Y-%m-%dT%H:%M:%SZ")


def mt(**delta):
    return (NOW - timedelta(**delta)).strftime("%Y-%m-%dT%H:%M:%S.000000Z")


UID_PI = "8f1b3c2a-4d5e-4f60-9a7b-1c2d3e4f5a6b"
UID_IDX = "0c9d8e7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f"
NODE = "kind-worker"

pi_template_labels = {"batch.kubernetes.io/controller-uid": UID_PI, "batch.kubernetes.io/job-name": "pi",
                      "controller-uid": UID_PI, "job-name": "pi"}
pi_container = {"name": "pi", "image": "perl:5.34.0", "command": ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"],
                "imagePullPolicy": "IfNotPresent", "resources": {}, "terminationMessagePath": "/dev/termination-log",
                "terminationMessagePolicy": "File"}
job_pi = {
    "apiVersion": "batch/v1", "kind": "Job",
    "metadata": {"name": "pi", "namespace": "default", "uid": UID_PI, "resourceVersion": "1234",
                 "generation": 1, "creationTimestamp": t(hours=3, minutes=10, seconds=30),
                 "labels": pi_template_labels},
    "spec": {"parallelism": 1, "completions": 1, "backoffLimit": 4, "completionMode": "NonIndexed",
             "suspend": False, "manualSelector": False, "podReplacementPolicy": "TerminatingOrFailed",
             "selector": {"matchLabels": {"batch.kubernetes.io/controller-uid": UID_PI}},
             "template": {"metadata": {"labels": pi_template_labels},
                          "spec": {"containers": [pi_container], "restartPolicy": "Never", "dnsPolicy": "ClusterFirst",
                                   "schedulerName": "default-scheduler", "securityContext": {},
                                   "terminationGracePeriodSeconds": 30}}},
    "status": {"conditions": [
        {"type": "SuccessCriteriaMet", "status": "True", "lastProbeTime": t(hours=3, minutes=10, seconds=21),
         "lastTransitionTime": t(hours=3, minutes=10, seconds=21), "reason": "CompletionsReached",
         "message": "Reached expected number of succeeded pods"},
        {"type": "Complete", "status": "True", "lastProbeTime": t(hours=3, minutes=10, seconds=21),
         "lastTransitionTime": t(hours=3, minutes=10, seconds=21), "reason": "CompletionsReached",
         "message": "Reached expected number of succeeded pods"}],
        "startTime": t(hours=3, minutes=10, seconds=30), "completionTime": t(hours=3, minutes=10, seconds=21),
        "succeeded": 1, "ready": 0, "terminating": 0, "uncountedTerminatedPods": {}},
}

idx_labels = {"batch.kubernetes.io/controller-uid": UID_IDX, "batch.kubernetes.io/job-name": "indexed-job",
              "controller-uid": UID_IDX, "job-name": "indexed-job"}
job_indexed = {
    "apiVersion": "batch/v1", "kind": "Job",
    "metadata": {"name": "indexed-job", "namespace": "default", "uid": UID_IDX,
                 "creationTimestamp": t(hours=2, minutes=30, seconds=30),
                 "labels": {"app": "indexed", "tier": "batch"},
                 "annotations": {"team": "data", "note": "line one\nline two"}},
    "spec": {"parallelism": 3, "completions": 40, "backoffLimit": 6, "completionMode": "Indexed", "suspend": False,
             "activeDeadlineSeconds": 600, "ttlSecondsAfterFinished": 100,
             "selector": {"matchLabels": {"batch.kubernetes.io/controller-uid": UID_IDX}},
             "template": {"metadata": {"labels": idx_labels, "annotations": {"sidecar": "off"}},
                          "spec": {"serviceAccountName": "worker",
                                   "initContainers": [{"name": "setup", "image": "busybox:1.36",
                                                       "command": ["sh", "-c", "echo setting up\necho done"],
                                                       "resources": {}}],
                                   "containers": [{"name": "worker", "image": "busybox:1.36",
                                                   "command": ["sh", "-c"], "args": ["echo $JOB_COMPLETION_INDEX && sleep 5"],
                                                   "ports": [{"containerPort": 8080, "protocol": "TCP", "name": "http"},
                                                             {"containerPort": 9090, "protocol": "UDP"}],
                                                   "env": [{"name": "MODE", "value": "fast"},
                                                           {"name": "POD_NAME", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.name"}}},
                                                           {"name": "PASSWORD", "valueFrom": {"secretKeyRef": {"name": "db", "key": "password"}}},
                                                           {"name": "LEVEL", "valueFrom": {"configMapKeyRef": {"name": "cfg", "key": "level", "optional": True}}}],
                                                   "resources": {"limits": {"cpu": "500m", "memory": "128Mi"},
                                                                 "requests": {"cpu": "250m", "memory": "64Mi"}},
                                                   "volumeMounts": [{"name": "scratch", "mountPath": "/scratch"},
                                                                    {"name": "cfg", "mountPath": "/etc/cfg", "readOnly": True}]},
                                                  {"name": "logger", "image": "busybox:1.36", "resources": {}}],
                                   "volumes": [{"name": "scratch", "emptyDir": {}},
                                               {"name": "cfg", "configMap": {"name": "cfg"}}],
                                   "nodeSelector": {"disktype": "ssd"},
                                   "tolerations": [{"key": "dedicated", "operator": "Equal", "value": "batch", "effect": "NoSchedule"},
                                                   {"operator": "Exists"}],
                                   "restartPolicy": "OnFailure"}}},
    "status": {"startTime": t(hours=2, minutes=30, seconds=30), "active": 3, "ready": 2, "succeeded": 20, "failed": 1,
               "completedIndexes": "0-2,4,6,8,10,12,14,16,18,20,22,24,26,28,30,32,34,36,38"},
}


def event(name, kind, obj_name, uid, reason, message, typ, first, last, count, component, api="v1", field_path=None, host=None):
    e = {"apiVersion": "v1", "kind": "Event",
         "metadata": {"name": name, "namespace": "default", "creationTimestamp": first},
         "involvedObject": {"kind": kind, "name": obj_name, "uid": uid, "apiVersion": api},
         "reason": reason, "message": message, "type": typ, "firstTimestamp": first, "lastTimestamp": last,
         "count": count, "source": {"component": component}, "reportingComponent": component,
         "reportingInstance": "", "eventTime": None}
    if kind != "Node":
        e["involvedObject"]["namespace"] = "default"
    if field_path:
        e["involvedObject"]["fieldPath"] = field_path
    if host:
        e["source"]["host"] = host
    return e


events = [
    event("pi.17a1", "Job", "pi", UID_PI, "SuccessfulCreate", "Created pod: pi-xyz12", "Normal",
          t(hours=3, minutes=10, seconds=29), t(hours=3, minutes=10, seconds=29), 1, "job-controller", "batch/v1"),
    event("pi.17a2", "Job", "pi", UID_PI, "Completed", "Job completed", "Normal",
          t(hours=3, minutes=10, seconds=20), t(hours=3, minutes=10, seconds=20), 1, "job-controller", "batch/v1"),
    event("indexed-job.1", "Job", "indexed-job", UID_IDX, "SuccessfulCreate", "Created pod: indexed-job-0-abcde", "Normal",
          t(hours=2, minutes=30, seconds=29), t(hours=1, minutes=20, seconds=30), 3, "job-controller", "batch/v1"),
    event("indexed-job.2", "Job", "indexed-job", UID_IDX, "BackoffLimitExceeded", "  Job has reached the specified backoff limit  ", "Warning",
          t(minutes=40, seconds=30), t(minutes=40, seconds=30), 1, "job-controller", "batch/v1"),
    event("pi-xyz12.1", "Pod", "pi-xyz12", "pod-uid-1", "Scheduled", "Successfully assigned default/pi-xyz12 to kind-worker", "Normal",
          t(hours=3, minutes=10, seconds=29), t(hours=3, minutes=10, seconds=29), 1, "default-scheduler"),
    event("pi-xyz12.2", "Pod", "pi-xyz12", "pod-uid-1", "Pulled", 'Container image "perl:5.34.0" already present on machine', "Normal",
          t(hours=3, minutes=10, seconds=28), t(hours=3, minutes=10, seconds=28), 1, "kubelet", field_path="spec.containers{pi}", host=NODE),
    event("crash.1", "Pod", "crash", "pod-uid-2", "BackOff", "Back-off restarting failed container crash in pod crash_default(pod-uid-2)", "Warning",
          t(minutes=50, seconds=30), t(minutes=12, seconds=30), 7, "kubelet", field_path="spec.containers{crash}", host=NODE),
    event("kind-worker.1", "Node", NODE, NODE, "NodeReady", "Node kind-worker status is now: NodeReady", "Normal",
          t(days=30, hours=1), t(days=30, hours=1), 1, "kubelet", host=NODE),
]

default_tolerations = [
    {"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300},
    {"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300}]
api_access = {"name": "kube-api-access-7xk2p", "projected": {"defaultMode": 420, "sources": [
    {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
    {"configMap": {"name": "kube-root-ca.crt", "items": [{"key": "ca.crt", "path": "ca.crt"}]}},
    {"downwardAPI": {"items": [{"path": "namespace", "fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}}]}}]}}
api_mount = {"name": "kube-api-access-7xk2p", "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "readOnly": True}


def cond(typ, status, when, reason=None):
    c = {"type": typ, "status": status, "lastProbeTime": None, "lastTransitionTime": when}
    if reason:
        c["reason"] = reason
    return c


pod_pi = {
    "apiVersion": "v1", "kind": "Pod",
    "metadata": {"name": "pi-xyz12", "generateName": "pi-", "namespace": "default", "uid": "pod-uid-1",
                 "creationTimestamp": t(hours=3, minutes=10, seconds=29),
                 "labels": {**pi_template_labels, "batch.kubernetes.io/job-completion-index": "0"} if False else pi_template_labels,
                 "ownerReferences": [{"apiVersion": "batch/v1", "kind": "Job", "name": "pi", "uid": UID_PI,
                                      "controller": True, "blockOwnerDeletion": True}]},
    "spec": {"containers": [{**pi_container, "volumeMounts": [api_mount]}], "restartPolicy": "Never",
             "nodeName": NODE, "serviceAccountName": "default", "serviceAccount": "default", "priority": 0,
             "tolerations": default_tolerations, "volumes": [api_access]},
    "status": {"phase": "Succeeded", "hostIP": "172.18.0.2", "podIP": "10.244.1.5", "podIPs": [{"ip": "10.244.1.5"}],
               "startTime": t(hours=3, minutes=10, seconds=29), "qosClass": "BestEffort",
               "conditions": [cond("PodReadyToStartContainers", "False", t(hours=3, minutes=10, seconds=20)),
                              cond("Initialized", "True", t(hours=3, minutes=10, seconds=29), "PodCompleted"),
                              cond("Ready", "False", t(hours=3, minutes=10, seconds=21), "PodCompleted"),
                              cond("ContainersReady", "False", t(hours=3, minutes=10, seconds=21), "PodCompleted"),
                              cond("PodScheduled", "True", t(hours=3, minutes=10, seconds=29))],
               "containerStatuses": [{"name": "pi", "ready": False, "restartCount": 0, "started": False,
                                      "image": "docker.io/library/perl:5.34.0", "imageID": "docker.io/library/perl@sha256:2584f46a",
                                      "containerID": "containerd://4b1f0c2d",
                                      "state": {"terminated": {"exitCode": 0, "reason": "Completed",
                                                               "startedAt": t(hours=3, minutes=10, seconds=27),
                                                               "finishedAt": t(hours=3, minutes=10, seconds=22),
                                                               "containerID": "containerd://4b1f0c2d"}},
                                      "lastState": {}}]},
}

pod_crash = {
    "apiVersion": "v1", "kind": "Pod",
    "metadata": {"name": "crash", "namespace": "default", "uid": "pod-uid-2", "creationTimestamp": t(hours=1, minutes=5, seconds=30),
                 "labels": {"app": "crash"}, "annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{}"}},
    "spec": {"initContainers": [{"name": "init", "image": "busybox:1.36", "command": ["true"], "resources": {}}],
             "containers": [{"name": "crash", "image": "busybox:1.36", "command": ["sh", "-c", "exit 1"],
                             "resources": {"requests": {"cpu": "100m", "memory": "32Mi"}},
                             "volumeMounts": [api_mount]}],
             "restartPolicy": "Always", "nodeName": NODE, "serviceAccountName": "default", "priority": 0,
             "tolerations": default_tolerations, "volumes": [api_access]},
    "status": {"phase": "Running", "hostIP": "172.18.0.2", "podIP": "10.244.1.9", "podIPs": [{"ip": "10.244.1.9"}],
               "startTime": t(hours=1, minutes=5, seconds=30), "qosClass": "Burstable",
               "conditions": [cond("Initialized", "True", t(hours=1, minutes=5, seconds=25)),
                              cond("Ready", "False", t(hours=1, minutes=5, seconds=20), "ContainersNotReady"),
                              cond("ContainersReady", "False", t(hours=1, minutes=5, seconds=20), "ContainersNotReady"),
                              cond("PodScheduled", "True", t(hours=1, minutes=5, seconds=30))],
               "initContainerStatuses": [{"name": "init", "ready": True, "restartCount": 0, "image": "busybox:1.36",
                                          "imageID": "docker.io/library/busybox@sha256:9ae97d36", "containerID": "containerd://aa11",
                                          "state": {"terminated": {"exitCode": 0, "reason": "Completed",
                                                                   "startedAt": t(hours=1, minutes=5, seconds=28),
                                                                   "finishedAt": t(hours=1, minutes=5, seconds=27)}}}],
               "containerStatuses": [{"name": "crash", "ready": False, "restartCount": 7, "started": False,
                                      "image": "busybox:1.36", "imageID": "docker.io/library/busybox@sha256:9ae97d36",
                                      "containerID": "containerd://bb22",
                                      "state": {"waiting": {"reason": "CrashLoopBackOff",
                                                            "message": "back-off 5m0s restarting failed container=crash pod=crash_default(pod-uid-2)"}},
                                      "lastState": {"terminated": {"exitCode": 1, "reason": "Error",
                                                                   "startedAt": t(minutes=12, seconds=40),
                                                                   "finishedAt": t(minutes=12, seconds=39)}}}]},
}

pod_pending = {
    "apiVersion": "v1", "kind": "Pod",
    "metadata": {"name": "waiting", "namespace": "default", "uid": "pod-uid-3", "creationTimestamp": t(minutes=20, seconds=30)},
    "spec": {"containers": [{"name": "app", "image": "nginx:1.27",
                             "resources": {"limits": {"cpu": "1", "memory": "1Gi"}, "requests": {"cpu": "1", "memory": "1Gi"}}}],
             "restartPolicy": "Never", "nodeSelector": {"disktype": "ssd"}, "priority": 0},
    "status": {"phase": "Pending", "qosClass": "Guaranteed",
               "conditions": [{"type": "PodScheduled", "status": "False", "lastProbeTime": None,
                               "lastTransitionTime": t(minutes=20, seconds=30), "reason": "Unschedulable",
                               "message": "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector."}]},
}

node = {
    "apiVersion": "v1", "kind": "Node",
    "metadata": {"name": NODE, "uid": "node-uid-1", "creationTimestamp": t(days=30, hours=1),
                 "labels": {"beta.kubernetes.io/arch": "amd64", "kubernetes.io/arch": "amd64", "kubernetes.io/hostname": NODE,
                            "kubernetes.io/os": "linux", "node-role.kubernetes.io/worker": ""},
                 "annotations": {"node.alpha.kubernetes.io/ttl": "0", "volumes.kubernetes.io/controller-managed-attach-detach": "true"}},
    "spec": {"podCIDR": "10.244.1.0/24", "podCIDRs": ["10.244.1.0/24"], "providerID": "kind://docker/kind/kind-worker",
             "taints": [{"key": "dedicated", "value": "batch", "effect": "NoSchedule"}]},
    "status": {
        "capacity": {"cpu": "4", "ephemeral-storage": "102626232Ki", "hugepages-2Mi": "0", "memory": "8148308Ki", "pods": "110"},
        "allocatable": {"cpu": "4", "ephemeral-storage": "102626232Ki", "hugepages-2Mi": "0", "memory": "8148308Ki", "pods": "110"},
        "conditions": [
            {"type": "MemoryPressure", "status": "False", "lastHeartbeatTime": t(minutes=1, seconds=30), "lastTransitionTime": t(days=30, hours=1),
             "reason": "KubeletHasSufficientMemory", "message": "kubelet has sufficient memory available"},
            {"type": "DiskPressure", "status": "False", "lastHeartbeatTime": t(minutes=1, seconds=30), "lastTransitionTime": t(days=30, hours=1),
             "reason": "KubeletHasNoDiskPressure", "message": "kubelet has no disk pressure"},
            {"type": "PIDPressure", "status": "False", "lastHeartbeatTime": t(minutes=1, seconds=30), "lastTransitionTime": t(days=30, hours=1),
             "reason": "KubeletHasSufficientPID", "message": "kubelet has sufficient PID available"},
            {"type": "Ready", "status": "True", "lastHeartbeatTime": t(minutes=1, seconds=30), "lastTransitionTime": t(days=30),
             "reason": "KubeletReady", "message": "kubelet is posting ready status"}],
        "addresses": [{"type": "InternalIP", "address": "172.18.0.2"}, {"type": "Hostname", "address": NODE}],
        "nodeInfo": {"machineID": "2b6a1f0e", "systemUUID": "2b6a1f0e-1111", "bootID": "c0ffee00", "kernelVersion": "6.8.0-45-generic",
                     "osImage": "Debian GNU/Linux 12 (bookworm)", "containerRuntimeVersion": "containerd://2.1.3",
                     "kubeletVersion": "v1.37.0", "kubeProxyVersion": "", "operatingSystem": "linux", "architecture": "amd64"}},
}

lease = {"apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
         "metadata": {"name": NODE, "namespace": "kube-node-lease", "creationTimestamp": t(days=30, hours=1)},
         "spec": {"holderIdentity": NODE, "leaseDurationSeconds": 40, "renewTime": mt(seconds=5)}}

config_map = {"apiVersion": "v1", "kind": "ConfigMap",
              "metadata": {"name": "cfg", "namespace": "default", "creationTimestamp": t(hours=4, minutes=30, seconds=30)},
              "data": {"level": "debug", "script.sh": "#!/bin/sh\necho hi\n"}}
secret = {"apiVersion": "v1", "kind": "Secret", "type": "Opaque",
          "metadata": {"name": "db", "namespace": "default", "creationTimestamp": t(hours=4, minutes=30, seconds=30)},
          "data": {"password": "czNjcjN0"}}


tricky = {"apiVersion": "v1", "kind": "ConfigMap",
          "metadata": {"name": "tricky", "namespace": "default", "creationTimestamp": t(hours=4, minutes=30, seconds=30),
                       "labels": {"a10": "x", "a9": "x", "a-b": "x", "ab": "x", "Zeta": "x", "_u": "x", "a.b": "x", "a_b": "x", "b1c": "x", "b01c": "x"}},
          "data": {"bool": "True", "int": "1", "yes": "yes", "empty": "", "dash": "- x", "colon": "a: b", "hash": "#c",
                   "inner_hash": "x #y", "tab": "a\tb", "trailing": "x ", "leading": " x", "quote": "it's", "unicode": "caf\u00e9",
                   "emoji": "\U0001F600", "octal": "0755", "exp": "1e3", "base60": "1:20", "null": "null", "tilde": "~",
                   "date": "2025-01-01", "at": "@x", "percent": "%x", "backtick": "`x`", "dquote": "say \"hi\"",
                   "long": "this is a fairly long sentence that keeps going well past the eighty column limit of the emitter so it folds",
                   "long_quoted": "- starts with a dash and is also long enough to run past column eighty so the single quoted form folds too",
                   "multi_trailing_space": "line one \nline two\n", "multi_keep": "a\n\n", "multi_strip": "a\nb",
                   "multi_indent": "  indented\nnext\n", "float_like": ".5", "hex": "0x1F", "inf": ".inf", "plus": "+1",
                   "star": "*x", "question": "? x", "bang": "!x", "brace": "{a}", "comma_inside": "a,b", "colon_end": "x:"}}


def write(name, obj):
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(obj, f, indent=2, sort_keys=True)
        f.write("\n")


write("job-pi", job_pi)
write("job-indexed", job_indexed)
write("events", {"apiVersion": "v1", "kind": "List", "items": events})
write("pod-pi", pod_pi)
write("pod-crash", pod_crash)
write("pod-pending", pod_pending)
write("node", node)
write("lease", lease)
write("configmap", config_map)
write("secret", secret)
write("configmap-tricky", tricky)
with open(os.path.join(OUT, "now.txt"), "w") as f:
    f.write(NOW.strftime("%Y-%m-%dT%H:%M:%SZ") + "\n")
