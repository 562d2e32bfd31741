#include <cmath>
#include <nlohmann/json.hpp>

#include "headroom/report/writers.hpp"

namespace headroom {
namespace {

using nlohmann::ordered_json;

ordered_json latency(const LatencySummary& s) {
  return {{"mean", s.mean}, {"p50", s.p50}, {"p90", s.p90}, {"p95", s.p95},
          {"p99", s.p99},   {"p999", s.p999}, {"max", s.max}};
}

ordered_json time_or_null(double t) { return std::isnan(t) ? ordered_json(nullptr) : ordered_json(t); }

}  // namespace

std::string to_json(const Report& r) {
  ordered_json j;
  j["schema"] = "headroom.report/1";
  j["version"] = r.version;
  j["partial"] = r.partial;
  if (r.partial) j["stop_reason"] = r.stop_reason;
  j["scenario"] = {{"name", r.scenario.name},           {"file", r.scenario.file},
                   {"seed", r.scenario.seed},           {"duration_s", r.scenario.duration_s},
                   {"warmup_s", r.scenario.warmup_s}};
  j["requests"] = {{"offered", r.offered},
                   {"completed", r.completed},
                   {"ok", r.ok},
                   {"failed", r.errors.total()},
                   {"error_rate", r.error_rate},
                   {"errors",
                    {{"rejected", r.errors.rejected},
                     {"timeout", r.errors.timeout},
                     {"unavailable", r.errors.unavailable},
                     {"throttled", r.errors.throttled},
                     {"failed", r.errors.failed},
                     {"server_error", r.errors.server_error}}},
                   {"attempts", r.attempts}};
  j["latency_ms"] = latency(r.latency_ms);
  ordered_json classes = ordered_json::object();
  for (const auto& [name, c] : r.classes)
    classes[name] = {{"requests", c.requests}, {"error_rate", c.error_rate}, {"latency_ms", latency(c.latency_ms)}};
  j["classes"] = classes;
  ordered_json comps = ordered_json::object();
  for (const auto& [name, c] : r.components) {
    ordered_json o = {{"type", c.type},
                      {"throughput_rps", c.throughput_rps},
                      {"utilization", c.utilization},
                      {"latency_ms", latency(c.latency_ms)},
                      {"instances", {{"min", c.instances_min}, {"mean", c.instances_mean}, {"max", c.instances_max}}},
                      {"errors", c.errors}};
    for (const auto& [k, v] : c.stats) o[k] = v;
    if (c.has_freshness) o["freshness_ms"] = latency(c.freshness_ms);
    if (!c.series_name.empty()) o[c.series_name] = c.series;
    comps[name] = o;
  }
  j["components"] = comps;
  ordered_json faults = ordered_json::array();
  for (const auto& f : r.faults)
    faults.push_back({{"kind", f.kind},
                      {"target", f.target},
                      {"at_s", time_or_null(f.at_s)},
                      {"detected_s", time_or_null(f.detected_s)},
                      {"recovered_s", time_or_null(f.recovered_s)},
                      {"restored_s", time_or_null(f.restored_s)},
                      {"failed_requests", f.failed_requests}});
  j["faults"] = faults;
  ordered_json scaling = ordered_json::array();
  for (const auto& e : r.scaling)
    scaling.push_back({{"component", e.component}, {"at_s", e.at_s}, {"from", e.from}, {"to", e.to}, {"reason", e.reason}});
  j["scaling"] = scaling;
  j["availability"] = r.availability;
  ordered_json by_service = ordered_json::object(), by_component = ordered_json::object();
  for (const auto& [k, v] : r.cost.by_service) by_service[k] = v;
  for (const auto& [k, v] : r.cost.by_component) by_component[k] = v;
  j["cost"] = {{"period_usd", r.cost.period_usd}, {"monthly_usd", r.cost.monthly_usd},
               {"by_service", by_service},        {"by_component", by_component},
               {"spot_savings_usd", r.cost.spot_savings_usd}};
  ordered_json checks = ordered_json::array();
  for (const auto& c : r.slo_checks)
    checks.push_back({{"metric", c.metric}, {"limit", c.limit}, {"value", c.value}, {"met", c.met}});
  j["slo"] = {{"met", r.slo_met}, {"checks", checks}};
  j["littles_law"] = {{"in_flight_mean", r.little.in_flight_mean},
                      {"arrival_rate", r.little.arrival_rate},
                      {"time_in_system_s", r.little.time_in_system_s},
                      {"relative_error", r.little.relative_error}};
  j["provenance"] = {{"version", r.provenance.version},
                     {"seed", r.provenance.seed},
                     {"catalog", {{"region", r.provenance.catalog_region}, {"date", r.provenance.catalog_date}}}};
  j["sim"] = {{"events", r.sim.events}, {"wall_s", r.sim.wall_s}, {"events_per_s", r.sim.events_per_s},
              {"peak_in_flight", r.sim.peak_in_flight}};
  return j.dump(2) + "\n";
}

}  // namespace headroom
