-- wrk script: one JSON line with the latency percentiles (ms), requests/s and errors.
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format(
    '{"p50": %.2f, "p95": %.2f, "p99": %.2f, "requests": %d, "rps": %.1f, ' ..
    '"non_2xx": %d, "socket_errors": %d}\n',
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.requests, summary.requests / seconds,
    summary.errors.status, summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout))
end
