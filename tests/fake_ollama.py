"""A small local HTTP server that speaks Ollama's chat API (POST /api/chat) with recorded answers.

No Ollama server can be installed where the tests run, so the LLM parser is tested against this stand-in:
it streams each queued answer back as Ollama does (NDJSON chunks, then a final `done` chunk), records the
requests it got, and answers 404 for an unknown model like the real server.
"""
import json, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

class FakeOllama:
    "Serves queued answers on 127.0.0.1; use as a context manager."
    def __init__(self, answers, model="tiny"):
        self.answers, self.model, self.requests = list(answers), model, []

    def __enter__(self):
        outer = self
        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *a): pass
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.requests.append(body)
                if self.path != "/api/chat" or body.get("model") != outer.model:
                    return self._send(404, {"error": f"model '{body.get('model')}' not found"})
                answer = outer.answers.pop(0) if outer.answers else "{}"
                chunks = [answer[i:i + 4096] for i in range(0, len(answer), 4096)] or [""]
                self.send_response(200)
                self.send_header("Content-Type", "application/x-ndjson")
                self.end_headers()
                for c in chunks:
                    self.wfile.write((json.dumps(dict(model=outer.model, created_at="2026-01-01T00:00:00Z",
                                                      message=dict(role="assistant", content=c), done=False)) + "\n").encode())
                self.wfile.write((json.dumps(dict(model=outer.model, created_at="2026-01-01T00:00:00Z",
                                                  message=dict(role="assistant", content=""), done=True, done_reason="stop")) + "\n").encode())
            def _send(self, code, obj):
                data = json.dumps(obj).encode()
                self.send_response(code); self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data))); self.end_headers(); self.wfile.write(data)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.host = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown(); self.server.server_close()
