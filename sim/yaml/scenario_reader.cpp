// The top level of a scenario (spec.md §2): metadata, client, network, load, traffic, slo.
// Components are read by components_reader.cpp, faults by faults_reader.cpp; whole-scenario
// checks by validate_scenario.
#include <fmt/format.h>

#include <limits>

#include "headroom/core/units.hpp"
#include "document.hpp"
#include "readers.hpp"

namespace headroom::yaml {
namespace {

const SectionInfo& section(const char* name) {
  return scenario_registry().at(name);
}

void read_client(Reader& r, const Field& f, ClientSpec& c) {
  const MapReader m(r, f, section("client"));
  if (auto v = r.duration(m.get("rtt"))) c.rtt = *v;
  if (auto v = r.duration(m.get("timeout"))) c.timeout = *v;
  // More than 10 retries only multiplies the load of an outage (a retry storm).
  if (auto v = r.integer(m.get("retries"), 0, 10)) c.retries = static_cast<int>(*v);
  if (auto v = r.duration(m.get("backoff"))) c.backoff = *v;
  if (auto v = r.duration(m.get("backoff_max"))) c.backoff_max = *v;
  if ((m.has("backoff") || m.has("backoff_max")) && c.backoff_max < c.backoff)
    r.error(m.has("backoff_max") ? m.get("backoff_max") : m.get("backoff"),
            "backoff_max (" + format_duration(c.backoff_max) + ") must be at least backoff (" +
                format_duration(c.backoff) + ")");
}

void read_network(Reader& r, const Field& f, NetworkSpec& n) {
  const MapReader m(r, f, section("network"));
  if (auto v = r.duration(m.get("same_az"))) n.same_az = *v;
  if (auto v = r.duration(m.get("cross_az"))) n.cross_az = *v;
}

void read_population(Reader& r, const Field& f, PopulationSpec& p) {
  const MapReader m(r, f, section("population"));
  if (!m.ok()) return;
  p.loc = m.loc();
  auto positive = [&](const char* key, double& out, double lo, double hi, const char* why) {
    const Field v = m.get(key);
    if (auto x = r.number(v)) {
      if (!(*x >= lo && *x <= hi))
        r.error(v, fmt::format("must be between {:g} and {:g} ({}), found {:g}", lo, hi, why, *x));
      else out = *x;
    }
  };
  if (auto v = r.duration(m.get("session"), true)) {
    if (*v > kDay) r.error(m.get("session"), "must be at most 24h (a visit within a day), found " + format_duration(*v));
    else p.session = *v;
  }
  positive("sessions_per_day", p.sessions_per_day, 0.01, 1000, "visits per daily active user");
  positive("peak_to_mean", p.peak_to_mean, 1, 1000, "the peak is at least the mean");
  positive("monthly_active_per_daily", p.monthly_active_per_daily, 1, 31,
           "a month's actives are at least a day's and at most 31 days' of them");
  positive("daily_active_per_concurrent", p.daily_active_per_concurrent, 1, 1e6,
           "each concurrent user is at least one daily active");
  if (p.session * p.sessions_per_day > kDay)
    r.error(m.has("sessions_per_day") ? m.get("sessions_per_day") : m.get("session"),
            "session x sessions_per_day exceeds 24h: a user cannot visit for longer than a day");
}

void read_load(Reader& r, const Field& f, const std::string& base_dir, LoadSpec& load) {
  const MapReader m(r, f, section("load"));
  if (!m.ok()) return;
  load.loc = m.loc();
  const Field users = m.get("users"), rate = m.get("rate"), think = m.get("think_time");
  if (users && rate) {
    r.error(rate, "give either users (with think_time) or rate, not both");
    return;
  }
  if (!users && !rate) {
    if (r.fragment()) return;
    r.error_at(m.loc(), m.path(),
               "missing users or rate (users: active users, with think_time; rate: requests/s)");
    return;
  }
  load.by_rate = static_cast<bool>(rate);
  if (auto c = read_curve(r, load.by_rate ? rate : users,
                          load.by_rate ? CurveUnit::Rate : CurveUnit::Users, base_dir))
    load.curve = std::move(*c);
  if (load.by_rate && think)
    r.error(think, "think_time goes with users; rate gives the requests per second directly");
  if (!load.by_rate && !think && !r.fragment())
    r.error_at(m.loc(), m.path(),
               "missing required key 'think_time' (users need the mean time between one "
               "user's requests)");
  if (!load.by_rate)
    if (auto v = r.duration(think, /*positive=*/true)) load.think_time = *v;
}

void read_traffic(Reader& r, const Field& f, std::vector<ClassSpec>& out) {
  const auto items = r.list(f, "a list of request classes {name, share, path}");
  if (!items) return;
  if (items->empty()) r.error(f, "at least one request class is needed");
  for (const auto& item : *items) {
    const MapReader m(r, item, section("traffic"));
    if (!m.ok()) continue;
    ClassSpec c;
    c.loc = r.loc(item);
    if (auto v = r.name(m.get("name"))) c.name = *v;
    if (auto v = r.fraction(m.get("share"))) c.share = *v;
    if (auto v = r.size(m.get("bytes"))) c.bytes = *v;
    if (auto v = r.size(m.get("request_bytes"))) c.request_bytes = *v;
    if (const auto hops = r.list(m.get("path"), "a list of hops such as [lb, web, db.read]")) {
      if (hops->empty()) r.error(m.get("path"), "a path needs at least one hop");
      for (const auto& hop : *hops)
        if (auto h = read_hop(r, hop)) c.path.push_back(std::move(*h));
    }
    out.push_back(std::move(c));
  }
}

void read_slo_clauses(Reader& r, const MapReader& m, const SectionInfo& s, std::vector<SloCheckSpec>& out) {
  for (const auto& p : s.params) {  // registry order: the report lists checks the same way
    if (p.kind == ValueKind::Map) continue;  // `classes`
    const Field v = m.get(p.key);
    if (!v) continue;
    SloCheckSpec check{p.key, 0, r.loc(v)};
    if (p.kind == ValueKind::Time) {
      const auto d = r.duration(v, /*positive=*/true);
      if (!d) continue;
      check.limit = to_millis(*d);
    } else {
      const auto x = r.fraction(v);
      if (!x) continue;
      check.limit = *x;
    }
    out.push_back(std::move(check));
  }
}

void read_slo_classes(Reader& r, const Field& f, std::vector<ClassSloSpec>& out) {
  if (!f || f.node.IsNull()) return;
  if (!f.node.IsMap()) {
    r.error(f, "expected a map of class name -> SLO (e.g. {browse: {p99: 300ms}}), found " + describe(f.node));
    return;
  }
  for (auto it = f.node.begin(); it != f.node.end(); ++it) {
    const std::string name = it->first.IsScalar() ? it->first.Scalar() : "";
    const std::string path = child_path(f.path, name);
    ClassSloSpec c;
    c.name = name;
    c.loc = r.loc(it->first, path);
    const SectionInfo& s = section("slo.class");
    const MapReader m(r, Field{true, it->second, path}, s);
    if (!m.ok()) continue;
    read_slo_clauses(r, m, s, c.clauses);
    out.push_back(std::move(c));
  }
}

void read_slo(Reader& r, const Field& f, ScenarioSpec& spec) {
  const SectionInfo& s = section("slo");
  const MapReader m(r, f, s);
  read_slo_clauses(r, m, s, spec.slo);
  read_slo_classes(r, m.get("classes"), spec.slo_classes);
}

void read_timing(Reader& r, const MapReader& m, ScenarioSpec& spec) {
  const auto duration = r.duration(m.get("duration"), /*positive=*/true);
  if (duration) spec.duration = *duration;
  const auto warmup = r.duration(m.get("warmup"));
  if (warmup) spec.warmup = *warmup;
  // Compared only with a duration that was read: against the default it would mislead.
  if (warmup && (duration || !m.has("duration")) && *warmup >= spec.duration)
    r.error(m.get("warmup"), "warmup (" + format_duration(*warmup) +
                                 ") must be shorter than duration (" +
                                 format_duration(spec.duration) + ")");
}

}  // namespace

ScenarioSpec read_scenario(Reader& r, const YAML::Node& root, const std::string& file,
                           const std::string& base_dir) {
  ScenarioSpec spec;
  spec.file = file;
  spec.loc = SourceLoc{file, 0, 0};
  const Field top{true, root, ""};
  if (root.IsNull()) {
    r.error_at(spec.loc, "", "the file is empty (a scenario needs load, traffic and components)");
    return spec;
  }
  // Known before the map is read: a fragment's missing keys are the including scenario's.
  if (const YAML::Node f = value_at(root, "fragment"); f.IsScalar()) r.set_fragment(f.Scalar() == "true");
  const MapReader m(r, top, section("scenario"));
  if (!m.ok()) return spec;
  if (auto v = r.boolean(m.get("fragment"))) spec.fragment = *v;
  spec.loc = r.loc(top);
  if (auto v = r.text(m.get("name"))) spec.name = *v;
  if (auto v = r.integer(m.get("stage"), 0, kIntMax))
    spec.stage = static_cast<int>(*v);
  if (auto v = r.text(m.get("description"))) spec.description = *v;
  if (auto v = r.name(m.get("include"))) spec.include = resolve_path(base_dir, *v);  // merged already
  if (auto v = r.integer(m.get("seed"), 0)) spec.seed = static_cast<std::uint64_t>(*v);
  read_timing(r, m, spec);
  if (auto v = r.choice(m.get("region"), *section("scenario").find("region"))) spec.region = *v;
  read_client(r, m.get("client"), spec.client);
  read_network(r, m.get("network"), spec.network);
  read_load(r, m.get("load"), base_dir, spec.load);
  read_population(r, m.get("population"), spec.population);
  read_traffic(r, m.get("traffic"), spec.traffic);
  if (!m.has("components") && !m.has("topology") && !r.fragment())
    r.error_at(spec.loc, "",
               "missing required key 'components' (give components: or a topology: file)");
  read_components(r, m.get("components"), spec);
  spec.index_components();
  read_faults(r, m.get("faults"), spec);
  read_slo(r, m.get("slo"), spec);
  spec.key_locs = m.value_locs();
  return spec;
}

}  // namespace headroom::yaml
