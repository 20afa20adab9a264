#!/usr/bin/env python3
"""A tiny read-only Kubernetes API server for producing golden files with a real kubectl.

Serves the objects of the given JSON fixture files (each a single object or a list) on
127.0.0.1:PORT: discovery, get, list (labelSelector/fieldSelector for the fields kubectl's
describe uses), and 404 Status errors. No test depends on it: it only regenerates
tests/golden/kubectl/oracle/*.out (see regenerate.sh). Never listens beyond loopback.
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import urlparse, parse_qs

CORE = [("pods", "Pod", True), ("events", "Event", True), ("nodes", "Node", False),
        ("configmaps", "ConfigMap", True), ("secrets", "Secret", True),
        ("namespaces", "Namespace", False), ("services", "Service", True)]
BATCH = [("jobs", "Job", True), ("cronjobs", "CronJob", True)]
COORD = [("leases", "Lease", True)]
GROUPS = {"batch": BATCH, "coordination.k8s.io": COORD}
OBJECTS = []


def resource_list(group_version, resources):
    return {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": group_version,
            "resources": [{"name": n, "singularName": k.lower(), "namespaced": ns, "kind": k,
                           "verbs": ["get", "list", "watch"]} for n, k, ns in resources]}


def field_value(obj, path):
    cur = obj
    for part in path.split("."):
        if not isinstance(cur, dict):
            return ""
        cur = cur.get(part, "")
    if path == "status.successful":
        return str(obj.get("status", {}).get("succeeded", 0))
    return "" if cur is None else str(cur)


def matches_fields(obj, selector):
    for term in filter(None, selector.split(",")):
        if "!=" in term:
            k, v = term.split("!=", 1)
            if field_value(obj, k) == v:
                return False
        else:
            k, v = term.replace("==", "=").split("=", 1)
            if field_value(obj, k) != v:
                return False
    return True


def matches_labels(obj, selector):
    labels = obj.get("metadata", {}).get("labels", {}) or {}
    for term in filter(None, selector.split(",")):
        if "=" in term:
            k, v = term.replace("==", "=").split("=", 1)
            if labels.get(k) != v:
                return False
        elif term not in labels:
            return False
    return True


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send(self, code, body):
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def not_found(self, group, resource, name):
        qualified = resource if not group else resource + "." + group
        self.send(404, {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                        "message": '%s "%s" not found' % (qualified, name), "reason": "NotFound",
                        "details": {"name": name, "kind": resource}, "code": 404})

    def do_GET(self):
        url = urlparse(self.path)
        q = parse_qs(url.query)
        parts = [p for p in url.path.split("/") if p]
        if parts == ["version"]:
            return self.send(200, {"major": "1", "minor": "37", "gitVersion": "v1.37.0"})
        if parts == ["api"]:
            return self.send(200, {"kind": "APIVersions", "versions": ["v1"],
                                   "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1"}]})
        if parts == ["apis"]:
            return self.send(200, {"kind": "APIGroupList", "apiVersion": "v1", "groups": [
                {"name": g, "versions": [{"groupVersion": g + "/v1", "version": "v1"}],
                 "preferredVersion": {"groupVersion": g + "/v1", "version": "v1"}} for g in GROUPS]})
        if parts == ["api", "v1"]:
            return self.send(200, resource_list("v1", CORE))
        if len(parts) == 3 and parts[0] == "apis" and parts[1] in GROUPS:
            return self.send(200, resource_list(parts[1] + "/v1", GROUPS[parts[1]]))
        if parts[:2] == ["api", "v1"]:
            group, rest = "", parts[2:]
        elif parts[:1] == ["apis"] and len(parts) > 3:
            group, rest = parts[1], parts[3:]
        else:
            return self.send(404, {"kind": "Status", "status": "Failure", "code": 404, "reason": "NotFound", "message": "not found"})
        namespace = None
        if rest[:1] == ["namespaces"] and len(rest) >= 3:
            namespace, rest = rest[1], rest[2:]
        resource, name = rest[0], (rest[1] if len(rest) > 1 else None)
        kinds = dict((n, k) for n, k, _ in CORE + BATCH + COORD)
        kind = kinds.get(resource)
        api_version = "v1" if not group else group + "/v1"
        items = [o for o in OBJECTS if o.get("kind") == kind and o.get("apiVersion") == api_version
                 and (namespace is None or o.get("metadata", {}).get("namespace") == namespace)]
        if name:
            for o in items:
                if o["metadata"]["name"] == name:
                    return self.send(200, o)
            return self.not_found(group, resource, name)
        items = [o for o in items if matches_fields(o, q.get("fieldSelector", [""])[0])
                 and matches_labels(o, q.get("labelSelector", [""])[0])]
        return self.send(200, {"kind": kind + "List", "apiVersion": api_version,
                               "metadata": {"resourceVersion": "1000"}, "items": items})


def main():
    port = int(sys.argv[1])
    for path in sys.argv[2:]:
        with open(path) as f:
            data = json.load(f)
        OBJECTS.extend(data["items"] if data.get("kind") == "List" else [data])
    HTTPServer(("127.0.0.1", port), Handler).serve_forever()


if __name__ == "__main__":
    main()
