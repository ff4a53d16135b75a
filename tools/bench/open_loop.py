"""The open-loop load generator of tools/bench/serving.ts: Debian's Python grpcio
(/usr/bin/python3), a process and a runtime apart from the service it loads.

Usage: open_loop.py HOST:PORT METHOD REQUESTS_FILE RATE SECONDS WARMUP
  METHOD        the full gRPC method, e.g. /hirelearn.v1.InterviewPredictor/PredictInterview
  REQUESTS_FILE pre-encoded requests, each a 4-byte little-endian length and the message
                (sent as bytes, answers not decoded: no protobuf work on this side)

WARMUP calls one at a time first, then call k is sent at t0 + k/RATE whatever the calls before
it did (open loop), RATE * SECONDS calls. Each latency is measured from the call's scheduled
time (a stall, in the client or the service, counts against every call it delays: no
coordinated omission), and also from the moment it actually left. How late the sender woke
after each scheduled time is the generator's own timer and scheduling floor. Python's garbage
collector is off during the run (everything is preallocated), so it adds no pause of its own.
Prints one JSON object, times in ms.
"""
import gc
import json
import struct
import sys
import threading
import time

import grpc

address, method, requests_file = sys.argv[1], sys.argv[2], sys.argv[3]
rate, seconds, warmup = float(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])

with open(requests_file, "rb") as f:
    data = f.read()
requests = []
at = 0
while at < len(data):
    (n,) = struct.unpack_from("<I", data, at)
    requests.append(data[at + 4 : at + 4 + n])
    at += 4 + n


def quantile(xs, q):
    s = sorted(xs)
    return s[int(q * (len(s) - 1))]


def summary(xs):
    return {"p50": quantile(xs, 0.5), "p99": quantile(xs, 0.99), "max": max(xs)}


with grpc.insecure_channel(address) as channel:
    # No serializers: requests go as the bytes given, answers come back as bytes.
    call = channel.unary_unary(method)
    for i in range(warmup):
        call(requests[i % len(requests)])

    total = int(round(rate * seconds))
    interval = 1.0 / rate
    scheduled = [0.0] * total
    sent = [0.0] * total
    answered = [0.0] * total
    errors = [0]
    done = threading.Event()
    remaining = [total]
    lock = threading.Lock()

    def on_done(k):
        def callback(future):
            answered[k] = time.perf_counter()
            if future.exception() is not None:
                errors[0] += 1
            with lock:
                remaining[0] -= 1
                if remaining[0] == 0:
                    done.set()

        return callback

    gc.disable()
    t0 = time.perf_counter() + 0.01
    for k in range(total):
        due = t0 + k * interval
        wait = due - time.perf_counter()
        if wait > 0:
            time.sleep(wait)
        scheduled[k] = due
        sent[k] = time.perf_counter()
        call.future(requests[k % len(requests)]).add_done_callback(on_done(k))
    done.wait(60)
    gc.enable()

ms = 1000.0
# A call still unanswered after the wait is counted in "unanswered", not in the latencies.
got = [k for k in range(total) if answered[k] > 0]
from_schedule = [(answered[k] - scheduled[k]) * ms for k in got]
from_send = [(answered[k] - sent[k]) * ms for k in got]
send_late = [(sent[k] - scheduled[k]) * ms for k in range(total)]
print(
    json.dumps(
        {
            "calls": total,
            "errors": errors[0],
            "unanswered": remaining[0],
            "from_schedule": summary(from_schedule),
            "from_send": summary(from_send),
            "send_late": summary(send_late),
        }
    )
)
