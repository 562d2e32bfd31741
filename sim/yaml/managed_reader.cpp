// The managed services (spec.md §3): cloudfront, s3, route53, dynamodb. Where each may stand in
// a path (first, last) and what its origin may be are validate_scenario's checks.
#include <utility>

#include "readers.hpp"

namespace headroom::yaml {

void read_cloudfront(Reader& r, const MapReader& m, ComponentSpec& c) {
  CloudFrontSpec e;  // defaults: hit ratio 90%, edge RTT 15 ms (sources.md §11g, estimates)
  if (auto v = r.fraction(m.get("hit_ratio"))) e.hit_ratio = *v;
  if (auto v = r.duration(m.get("edge_rtt"))) e.edge_rtt = *v;
  if (auto v = r.duration(m.get("latency"))) e.latency = *v;
  if (auto v = r.name(m.get("origin"))) e.origin = *v;
  c.kind = e;
}

void read_s3(Reader& r, const MapReader& m, ComponentSpec& c) {
  S3Spec e;
  // AWS publishes no S3 latency figure; 20 ms to the first byte (exponential) is spec.md §3's
  // example, an estimate that scenarios can replace.
  e.first_byte = exponential_dist(20 * kMillisecond, c.loc);
  if (auto d = read_dist(r, m.get("first_byte"))) e.first_byte = *d;
  if (auto v = r.size(m.get("size"))) e.size = *v;
  if (auto v = r.names(m.get("azs"))) e.azs = *v;
  c.kind = e;
}

void read_route53(Reader& r, const MapReader& m, ComponentSpec& c) {
  Route53Spec e;
  if (auto v = r.duration(m.get("latency"))) e.latency = *v;
  c.kind = e;
}

void read_dynamodb(Reader& r, const MapReader& m, ComponentSpec& c) {
  const SectionInfo& s = scenario_registry().at("component.dynamodb");
  DynamoSpec e;
  // sources.md §12: GetItem in "single-digit ms" (≈2-5 ms, an estimate): 5 ms, exponential.
  e.latency = exponential_dist(5 * kMillisecond, c.loc);
  if (auto v = r.choice(m.get("mode"), *s.find("mode")))
    e.mode = *v;
  else if (m.has("mode"))
    return;  // reported; rcu and wcu would be judged against a guessed mode
  if (auto v = r.count(m.get("rcu"), /*positive=*/true)) e.rcu = *v;
  if (auto v = r.count(m.get("wcu"), /*positive=*/true)) e.wcu = *v;
  if (auto d = read_dist(r, m.get("latency"))) e.latency = *d;
  if (auto v = r.size(m.get("item_size"))) {
    // An item is at most 400 KB (DynamoDB developer guide, service quotas).
    if (*v <= 0 || *v > 400e3) r.error(m.get("item_size"), "an item is 1B-400KB");
    else e.item_size = *v;
  }
  if (auto v = r.choice(m.get("consistency"), *s.find("consistency"))) e.consistency = *v;
  if (auto v = r.fraction(m.get("hot_key"))) e.hot_key = *v;
  if (m.has("warm")) {
    const MapReader w(r, m.get("warm"), scenario_registry().at("warm"));
    if (auto v = r.count(w.get("read"), /*positive=*/true)) e.warm_read = *v;
    if (auto v = r.count(w.get("write"), /*positive=*/true)) e.warm_write = *v;
  }
  if (m.has("quota")) {
    const MapReader q(r, m.get("quota"), scenario_registry().at("quota"));
    if (auto v = r.count(q.get("read"), /*positive=*/true)) e.quota_read = *v;
    if (auto v = r.count(q.get("write"), /*positive=*/true)) e.quota_write = *v;
  }
  if (auto v = r.size(m.get("storage"))) e.storage = *v;
  if (m.has("stream")) {
    const MapReader st(r, m.get("stream"), scenario_registry().at("stream"));
    e.stream = read_consumer(r, st, "consumer");
  }
  if (m.has("warm") && e.mode == "provisioned")
    r.error(m.get("warm"), "warm goes with mode: on_demand (a provisioned table serves its rcu and wcu)");
  const bool provisioned = e.mode == "provisioned";
  for (const auto& [key, what] : {std::pair{"rcu", "read"}, std::pair{"wcu", "write"}}) {
    if (provisioned && !m.has(key))
      r.error_at(m.loc(), m.path(),
                 std::string("missing ") + key + " (a provisioned table needs its " + what +
                     " capacity units)");
    if (!provisioned && m.has(key))
      r.error(m.get(key), std::string(key) +
                              " goes with mode: provisioned (an on-demand table has no "
                              "provisioned capacity)");
  }
  c.kind = e;
}

}  // namespace headroom::yaml
