#!/usr/bin/env python3
"""A local RFC 3161 time-stamping authority for cxaudit's tests, on loopback.

Usage: test-tsa.py FOLDER MODE

Makes, in FOLDER, a test CA (ca.pem) and a TSA certificate it issues (tsa.pem,
extendedKeyUsage critical timeStamping) with the openssl CLI, then serves HTTP on
127.0.0.1 at an ephemeral port, printed as the first line of standard output
("PORT n"). Every POST is answered by `openssl ts -reply`, so the tokens are those a
stock TSA makes. MODE says how to answer:

  ok        a granted time-stamp of the request
  http500   HTTP 500, no body
  reject    a TimeStampResp with status rejection (the TSA accepts only SHA-512 imprints)
  other     a granted time-stamp of other bytes than those asked for (a SHA-256 of zeros)
  replay    the response to the first request, for every request: a replayed answer,
            right for the bytes when they are the same, but with another nonce
  certs     no server: make the certificates and openssl.cnf (for `openssl ts -reply
            -config FOLDER/openssl.cnf`), print "READY" and exit

Only for tests: it signs whatever it is sent. It runs until killed or until its standard
input closes, so a test run that dies does not leave it behind (the tests give it a pipe).
"""
import http.server
import os
import subprocess
import sys
import tempfile
import threading

CONFIG = """
[ tsa ]
default_tsa = tsa_config

[ tsa_config ]
dir = {folder}
serial = $dir/serial
crypto_device = builtin
signer_cert = $dir/tsa.pem
certs = $dir/ca.pem
signer_key = $dir/tsa.key
signer_digest = sha256
default_policy = 1.3.6.1.4.1.99999.1
digests = {digests}
accuracy = secs:1
ordering = no
tsa_name = no
ess_cert_id_chain = no
ess_cert_id_alg = sha256
"""

EXTENSIONS = """
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = critical, timeStamping
"""


def openssl(*arguments, folder):
    subprocess.run(["openssl", *arguments], cwd=folder, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def make_certificates(folder):
    """A CA and a TSA certificate issued by it, valid from now for two days."""
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
            "-subj", "/O=cxaudit tests/CN=cxaudit Test TSA CA",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign", folder=folder)
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "tsa.key", "-out", "tsa.csr",
            "-subj", "/O=cxaudit tests/CN=cxaudit Test TSA", folder=folder)
    with open(os.path.join(folder, "tsa.ext"), "w") as ext:
        ext.write(EXTENSIONS)
    openssl("x509", "-req", "-in", "tsa.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", "tsa.pem", "-days", "2", "-extfile", "tsa.ext", folder=folder)
    with open(os.path.join(folder, "serial"), "w") as serial:
        serial.write("01\n")
    for name, digests in (("openssl.cnf", "sha256, sha384, sha512"), ("reject.cnf", "sha512")):
        with open(os.path.join(folder, name), "w") as config:
            config.write(CONFIG.format(folder=folder, digests=digests))


def reply(folder, query, config):
    with tempfile.TemporaryDirectory() as scratch:
        query_file = os.path.join(scratch, "query.tsq")
        response_file = os.path.join(scratch, "reply.tsr")
        with open(query_file, "wb") as file:
            file.write(query)
        openssl("ts", "-reply", "-config", os.path.join(folder, config), "-queryfile", query_file,
                "-out", response_file, folder=folder)
        with open(response_file, "rb") as file:
            return file.read()


def other_query(folder):
    """A request of openssl's own, for a digest nobody asked about."""
    with tempfile.TemporaryDirectory() as scratch:
        query_file = os.path.join(scratch, "other.tsq")
        openssl("ts", "-query", "-digest", "00" * 32, "-sha256", "-cert", "-out", query_file, folder=folder)
        with open(query_file, "rb") as file:
            return file.read()


def serve(folder, mode):
    first = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            query = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            if mode == "http500":
                self.send_response(500)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if self.headers.get("Content-Type") != "application/timestamp-query":
                self.send_response(415)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if mode == "other":
                query = other_query(folder)
            body = reply(folder, query, "reject.cnf" if mode == "reject" else "openssl.cnf")
            if mode == "replay":
                if not first:
                    first.append(body)
                body = first[0]
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format, *args):
            sys.stderr.write("test-tsa: " + (format % args) + "\n")

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    print(f"PORT {server.server_address[1]}", flush=True)
    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    server.serve_forever()


def exit_when_stdin_closes():
    while sys.stdin.buffer.read(4096):
        pass
    os._exit(0)


def main():
    if len(sys.argv) != 3 or sys.argv[2] not in ("ok", "http500", "reject", "other", "replay", "certs"):
        sys.exit(__doc__)
    folder = os.path.abspath(sys.argv[1])
    os.makedirs(folder, exist_ok=True)
    if not os.path.exists(os.path.join(folder, "tsa.pem")):
        make_certificates(folder)
    if sys.argv[2] == "certs":
        print("READY", flush=True)
        return
    serve(folder, sys.argv[2])


if __name__ == "__main__":
    main()
