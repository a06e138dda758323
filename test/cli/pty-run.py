"""Runs a command in a real pseudo-terminal and plays a script against it, for the tests of kmsctl's
approval prompt. Input (JSON on stdin): {"argv": [...], "cwd": ..., "env": {...}, "steps": [{"wait": TEXT,
"send": TEXT} | {"wait": TEXT, "signal": "SIGINT"}], "timeout": SECONDS}. Output (JSON on stdout):
{"output": everything the terminal showed, "exit": exit code (128 + N for a signal N)}."""
import json, os, pty, select, signal, sys, time

spec = json.load(sys.stdin)
pid, fd = pty.fork()
if pid == 0:
    os.chdir(spec["cwd"])
    os.execvpe(spec["argv"][0], spec["argv"], spec["env"])

output = b""
deadline = time.time() + spec.get("timeout", 20)

def read_some(wait):
    global output
    ready, _, _ = select.select([fd], [], [], wait)
    if not ready:
        return True
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        return False
    if not chunk:
        return False
    output += chunk
    return True

alive = True
for step in spec["steps"]:
    while alive and step["wait"].encode() not in output and time.time() < deadline:
        alive = read_some(0.1)
    if "send" in step:
        os.write(fd, step["send"].encode())
    if "signal" in step:
        os.kill(pid, getattr(signal, step["signal"]))
while alive and time.time() < deadline:
    alive = read_some(0.1)
_, status = os.waitpid(pid, 0)
code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status)
json.dump({"output": output.decode("utf-8", "replace"), "exit": code}, sys.stdout)
