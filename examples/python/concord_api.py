"""Calling Concord's API from Python with requests.

Signs in, lists the samples, reads the project's agreement, makes a dataset version and
downloads it as a COCO zip into OUT_DIR, checks the zip, then prints what it found as JSON.

    python3 concord_api.py 'http://127.0.0.1:PORT/#key=…' OUT_DIR

The address is the one `npm run web` prints; its `#key=…` part says you are the person who
started Concord on this computer. A labeler elsewhere signs in with a name and password
instead: `concord.sign_in(method="password", name="ana", password="…")`.
"""

import json
import sys
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import requests


class ConcordError(Exception):
    """A call the API refused: `code` is one of the error codes in /api/openapi.json."""

    def __init__(self, code, message):
        super().__init__(f"{code}: {message}")
        self.code = code


class Concord:
    def __init__(self, address):
        parts = urlsplit(address)
        self.base = f"{parts.scheme}://{parts.netloc}"
        self.http = requests.Session()
        if parts.fragment.startswith("key="):
            self.http.headers["x-concord-key"] = parts.fragment[len("key="):]

    def call(self, name, **arg):
        """Every operation is a POST of its argument; the answer says ok, or why not."""
        response = self.http.post(f"{self.base}/api/call/{name}", json=arg, timeout=300)
        response.raise_for_status()
        answer = response.json()
        if not answer["ok"]:
            raise ConcordError(answer["error"]["code"], answer["error"]["message"])
        return answer["value"]

    def sign_in(self, **how):
        signed_in = self.call("session.signIn", **how)
        self.http.headers["authorization"] = f"Bearer {signed_in['token']}"
        return signed_in["account"]

    def download(self, version, fmt, out_dir):
        """Streams a dataset version as a zip into out_dir (never whole in memory); returns its path."""
        url = f"{self.base}/api/datasets/{version}/download"
        with self.http.get(url, params={"format": fmt}, stream=True, timeout=300) as response:
            if not response.ok:
                error = response.json()["error"]
                raise ConcordError(error["code"], error["message"])
            name = response.headers["content-disposition"].split('filename="')[1].rstrip('"')
            path = Path(out_dir) / name
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "wb") as out:
                for chunk in response.iter_content(chunk_size=1 << 16):
                    out.write(chunk)
        return path

    def operations(self):
        schema = self.http.get(f"{self.base}/api/openapi.json", timeout=30).json()
        return sorted(path.removeprefix("/api/call/") for path in schema["paths"])


def main(address, out_dir):
    concord = Concord(address)
    operations = concord.operations()
    project = concord.call("projects.current") or concord.call("projects.openDemo", kind="bbox")
    account = concord.sign_in(method="owner")

    samples, offset = [], 0
    while True:
        page = concord.call("samples.list", offset=offset, limit=100)
        samples += page["items"]
        offset += len(page["items"])
        if offset >= page["total"] or not page["items"]:
            break

    agreement = concord.call("agreement.project", iouThreshold=0.5)
    version = concord.call("datasets.create", ratios=[0.6, 0.2, 0.2], seed=1)
    saved = concord.download(version["version"], "coco", out_dir)
    with zipfile.ZipFile(saved) as zipped:
        damaged = zipped.testzip()
        if damaged is not None:
            raise SystemExit(f"{saved.name}: {damaged} is damaged")
        folder = saved.name.removesuffix(".zip")
        train = json.loads(zipped.read(f"{folder}/train/annotations.json"))
        files = sum(1 for entry in zipped.infolist() if not entry.is_dir())

    print(json.dumps({
        "operations": len(operations),
        "project": project["name"],
        "signedInAs": account["name"],
        "samples": [sample["id"] for sample in samples],
        "overall": agreement["overall"],
        "version": version["version"],
        "counts": version["counts"],
        "zip": str(saved.resolve()),
        "zipFiles": files,
        "trainImages": len(train["images"]),
    }))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
