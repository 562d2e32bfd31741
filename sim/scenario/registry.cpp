// The scenario format's sections other than components (spec.md §2). Defaults are the ones the
// reader applies and ScenarioSpec initialises; keep the three in step when one changes.
#include "headroom/scenario/registry.hpp"

#include <algorithm>

#include "headroom/core/assert.hpp"
#include "headroom/scenario/slo_metrics.hpp"
#include "registry_builders.hpp"

namespace headroom {

using namespace registry_detail;

const char* value_kind_name(ValueKind kind) {
  switch (kind) {
    case ValueKind::Time:
      return "duration";
    case ValueKind::Size:
      return "size";
    case ValueKind::Fraction:
      return "fraction";
    case ValueKind::Rate:
      return "rate";
    case ValueKind::Count:
      return "count";
    case ValueKind::Integer:
      return "integer";
    case ValueKind::Number:
      return "number";
    case ValueKind::String:
      return "string";
    case ValueKind::Enum:
      return "enum";
    case ValueKind::Bool:
      return "bool";
    case ValueKind::Distribution:
      return "distribution";
    case ValueKind::Curve:
      return "curve";
    case ValueKind::List:
      return "list";
    case ValueKind::Map:
      return "map";
    case ValueKind::Reference:
      return "reference";
  }
  return "?";
}

const ParamInfo* SectionInfo::find(const std::string& key) const {
  for (const auto& p : params)
    if (p.key == key) return &p;
  return nullptr;
}

std::vector<std::string> SectionInfo::keys() const {
  std::vector<std::string> out;
  for (const auto& p : params) out.push_back(p.key);
  return out;
}

void ParamRegistry::add(SectionInfo section) {
  HEADROOM_ASSERT(find(section.name) == nullptr, "section registered twice: " + section.name);
  sections_.push_back(std::move(section));
}

const SectionInfo* ParamRegistry::find(const std::string& name) const {
  for (const auto& s : sections_)
    if (s.name == name) return &s;
  return nullptr;
}

const SectionInfo& ParamRegistry::at(const std::string& name) const {
  const SectionInfo* s = find(name);
  HEADROOM_ASSERT(s != nullptr, "no registry section " + name);
  return *s;
}

std::vector<std::string> ParamRegistry::names_under(const std::string& prefix) const {
  std::vector<std::string> out;
  for (const auto& s : sections_)
    if (s.name.rfind(prefix, 0) == 0) out.push_back(s.name.substr(prefix.size()));
  return out;
}

std::vector<std::string> ParamRegistry::component_types() const {
  return names_under("component.");
}

const SectionInfo* ParamRegistry::component(const std::string& type) const {
  return find("component." + type);
}

std::vector<std::string> ParamRegistry::fault_kinds() const {
  return names_under("fault.");
}

const SectionInfo* ParamRegistry::fault(const std::string& kind) const {
  return find("fault." + kind);
}

namespace {

using K = ValueKind;

void register_top_level(ParamRegistry& r) {
  SectionInfo top = section(
      "scenario", "A scenario: topology, load, request classes and SLO (spec.md §2).",
      {opt("name", K::String, "", "title shown in reports"),
       opt("stage", K::Integer, "0", "position in the journey; `journey` sorts by it"),
       opt("description", K::String, "", "free text"),
       opt("seed", K::Integer, "1", "seed of every random stream (a non-negative integer)"),
       opt("duration", K::Time, "1h", "simulated time"),
       opt("warmup", K::Time, "0s", "excluded from every metric; shorter than duration"),
       one_of("region", {"us-east-1"}, "us-east-1", "selects the price catalog"),
       opt("client", K::Map, "", "the clients: rtt, timeout, retries and their backoff"),
       opt("network", K::Map, "", "one-way latency per hop: same_az, cross_az"),
       req("load", K::Map, "offered load: users with think_time, or rate"),
       opt("population", K::Map, "",
           "who the concurrent users are: session, sessions_per_day, monthly_active_per_daily (daily and monthly actives)"),
       req("traffic", K::List, "request classes: name, share, path, bytes"),
       opt("components", K::Map, "", "name -> component (required unless topology gives them)"),
       opt("topology", K::String, "",
           "YAML file whose components are the base; `components:` overrides them per key"),
       opt("fragment", K::Bool, "false",
           "true in a file that scenarios include rather than run (e.g. the journey's client.yaml): "
           "validate checks its keys but not that the scenario is complete; it is not merged into the includer"),
       opt("include", K::String, "",
           "YAML file of scenario keys that are the base (e.g. a shared client: think_time, classes' "
           "shares and bytes, SLO); the scenario's keys win, maps merge key by key, traffic by class name"),
       opt("faults", K::List, "[]",
           "injected failures, each one of: kill, az_outage, spot_reclaim, random (spec.md §4)"),
       opt("slo", K::Map, "", "limits the run must meet: p99, error_rate, …"),
       opt("sweep", K::Map, "",
           "the space `headroom sweep` runs: parameters (--set paths over lists or from/to/step ranges) and seeds; "
           "other commands ignore it (docs/scaling-out.md)"),
       opt("optimize", K::Map, "",
           "the search space and constraints of `headroom optimize`: space, users, slo, survive, budget, seeds; "
           "other commands ignore it (docs/optimize.md)")});
  top.key_noun = "top-level key";
  r.add(std::move(top));
  r.add(
      section("topology", "A topology file shared by several scenarios.",
              {opt("name", K::String, "", "title"), opt("description", K::String, "", "free text"),
               req("components", K::Map, "name -> component")}));
  // Retry k waits uniform(0, min(backoff_max, backoff x 2^k)): "full jitter" (AWS Architecture
  // Blog, "Exponential Backoff And Jitter", 2015). 20 s is the cap of the AWS SDKs' standard
  // retry mode (AWS SDKs and Tools Reference Guide, "Retry behavior").
  r.add(section(
      "client", "The clients of the system.",
      {opt("rtt", K::Time, "0s", "client <-> region round trip, once per request"),
       opt("timeout", K::Time, "0s", "the client gives up (0: never)"),
       opt("retries", K::Integer, "0", "retries after an error or a timeout (0-10)"),
       opt("backoff", K::Time, "100ms",
           "exponential backoff with full jitter: retry k waits uniform(0, min(backoff_max, "
           "backoff x 2^k))"),
       opt("backoff_max", K::Time, "20s",
           "cap of the backoff, at least backoff (the AWS SDKs' standard retry mode)")}));
  r.add(section("network", "Latency between components, one way, per hop.",
                {opt("same_az", K::Time, "250us", "within one AZ (sources.md §12)"),
                 opt("cross_az", K::Time, "1ms", "between AZs (sources.md §12)")}));
  r.add(section("load", "Offered load over time.",
                {opt("users", K::Curve, "", "concurrently active users (a count or a curve)"),
                 opt("rate", K::Curve, "", "requests per second (a rate or a curve)"),
                 opt("think_time", K::Time, "",
                     "mean time between one user's requests; required with users")}));
  // Little's law on visits: mean concurrent users = DAU x sessions/day x session / 24 h. The
  // defaults are estimates (sources.md §15): a 10-minute visit, two a day, a DAU/MAU of 25%.
  r.add(section("population", "Who the concurrent users of `load` are: daily and monthly actives.",
                {opt("session", K::Time, "10m", "one visit's length (an estimate, sources.md §15)"),
                 opt("sessions_per_day", K::Number, "2", "visits per daily active user (an estimate)"),
                 opt("peak_to_mean", K::Number, "the curve's, else 2",
                     "peak concurrent users over the day's mean (a diurnal curve gives its own)"),
                 opt("monthly_active_per_daily", K::Number, "4",
                     "monthly actives per daily active (DAU/MAU 25%, sources.md §15)"),
                 opt("daily_active_per_concurrent", K::Number, "derived",
                     "daily actives per peak concurrent user: overrides the derivation")}));
  r.add(section("traffic", "One request class.",
                {req("name", K::String, "unique class name"),
                 req("share", K::Fraction, "fraction of requests; all classes sum to 100%"),
                 req("path", K::List, "hops in order: component or component.op"),
                 opt("bytes", K::Size, "0B",
                     "response size: what the hop that answers the client sends back through the "
                     "hops before it"),
                 opt("request_bytes", K::Size, "1KB",
                     "what the client sends, carried to the hop that answers (sources.md §12, "
                     "an estimate)")}));
  SectionInfo slo = section("slo", "Limits the run must meet.", {});
  for (const SloMetric& m : slo_metrics())  // one table (slo_metrics.hpp): reader, --slo, verdict
    slo.params.push_back(
        opt(std::string(m.name), m.latency ? K::Time : K::Fraction, "", std::string(m.description)));
  slo.key_noun = "SLO metric";
  SectionInfo slo_class = slo;  // a class takes the same metrics, and no `classes` of its own
  slo_class.name = "slo.class";
  slo_class.help = "The SLO of one request class (under `slo: {classes: {NAME: …}}`): its clauses replace the top-level clauses of the same metric for that class.";
  slo.params.push_back(opt("classes", K::Map, "",
                           "class name -> its own SLO (the metrics above); the top-level clauses "
                           "apply to every class that does not set that metric itself"));
  slo.key_noun = "SLO metric";
  r.add(std::move(slo));
  r.add(std::move(slo_class));
  r.add(section(
      "distribution", "A random duration: `20ms` alone is exponential with that mean (a fault timing such as failover_time: exactly that).",
      {opt("mean", K::Time, "", "mean (required unless uniform with min and max)"),
       one_of("dist", {"exponential", "deterministic", "lognormal", "gamma", "uniform"},
              "exponential", "shape of the distribution"),
       opt("cv", K::Number, "exponential 1, deterministic 0, lognormal/gamma 1, uniform 1/sqrt(3)",
           "coefficient of variation, standard deviation / mean"),
       opt("min", K::Time, "", "uniform: lower bound (with max)"),
       opt("max", K::Time, "", "uniform: upper bound (with min)")}));
  r.add(section("health_check", "ALB target health checks (sources.md §11b: AWS defaults).",
                {opt("interval", K::Time, "30s", "between checks of one target"),
                 opt("timeout", K::Time, "5s", "a check fails after this; less than interval"),
                 opt("healthy", K::Integer, "5", "successes to mark a target healthy (2-10)"),
                 opt("unhealthy", K::Integer, "2", "failures to mark a target unhealthy (2-10)")}));
  r.add(section("query", "RDS query service demands.",
                {opt("read", K::Distribution, "1ms", "one read query"),
                 opt("write", K::Distribution, "4ms", "one write query")}));
}

void register_curves(ParamRegistry& r) {
  const std::vector<std::string> kinds = {"constant", "ramp",  "step", "diurnal",
                                          "spike",    "trace", "sum"};
  r.add(section("curve", "A load curve: a number, {curve: KIND, ...} or {sum: [...]}.",
                {one_of("curve", kinds, "", "the kind of curve"),
                 opt("sum", K::List, "", "shorthand for {curve: sum, terms: [...]}")}));
  const ParamInfo kind = one_of("curve", kinds, "", "the kind of curve");
  const auto value = [](std::string key, std::string help) {
    return req(std::move(key), K::Count, std::move(help));
  };
  r.add(
      section("curve.constant", "The same value throughout.", {kind, value("value", "the value")}));
  r.add(section("curve.ramp", "Linear over the whole run.",
                {kind, value("from", "value at the start"), value("to", "value at the end")}));
  r.add(section("curve.step", "Piecewise constant.",
                {kind, req("steps", K::List, "[[t, value], ...]: value holds from t on")}));
  r.add(section("curve.diurnal", "A daily cycle (cosine), lowest half a period from its peak.",
                {kind, value("base", "lowest value"), value("peak", "highest value"),
                 req("peak_at", K::Time, "time of the peak within the period"),
                 opt("period", K::Time, "24h", "length of one cycle")}));
  r.add(section("curve.spike", "A flash crowd: base, then a rise to peak, a hold and a decay.",
                {kind, value("base", "value outside the spike"), value("peak", "value at the top"),
                 req("at", K::Time, "when the rise starts"),
                 opt("rise", K::Time, "0s", "from base to peak, linear"),
                 req("hold", K::Time, "time at peak"),
                 opt("decay", K::Time, "0s", "from peak back to base, linear")}));
  r.add(section("curve.trace", "Measured values, linearly interpolated.",
                {kind, req("file", K::String,
                           "CSV of time,value (header optional), relative to the scenario")}));
  r.add(section("curve.sum", "The sum of other curves.",
                {kind, req("terms", K::List, "the curves to add")}));
}

}  // namespace

void register_scenario_params(ParamRegistry& registry) {
  register_top_level(registry);
  register_curves(registry);
}

}  // namespace headroom
