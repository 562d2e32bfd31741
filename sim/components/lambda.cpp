// lambda: a Lambda function (spec.md §3). Execution environments are its unit of concurrency:
// warm, cold (an init time set by its runtime) or throttled at the account's or its reserved
// limit; billed per millisecond and GB.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <limits>
#include <set>

#include "components/kind.hpp"
#include "headroom/core/units.hpp"
#include "scenario/registry_builders.hpp"
#include "scenario/validate_detail.hpp"
#include "yaml/readers.hpp"

namespace headroom::yaml {
namespace lambda_detail {


void read_lambda(Reader& r, const MapReader& m, ComponentSpec& c) {
  const SectionInfo& s = scenario_registry().at("component.lambda");
  LambdaSpec e;
  if (auto v = r.size(m.get("memory"))) {
    // Lambda's "MB" are MiB; a value written in MiB converts exactly, one in MB is taken as is.
    const double mb = std::fmod(*v, 1048576.0) == 0 ? *v / 1048576.0 : *v / 1e6;
    if (mb < 128 || mb > 10240)
      r.error(m.get("memory"), "must be 128MB-10240MB (sources.md §7b), found " + std::to_string(static_cast<long long>(mb)) + "MB");
    else
      e.memory_mb = mb;
  }
  if (auto d = read_dist(r, m.get("duration"))) e.duration = *d;
  if (auto d = read_dist(r, m.get("per_record"))) e.per_record = *d;
  if (auto v = r.choice(m.get("runtime"), *s.find("runtime"))) e.runtime = *v;
  if (auto d = read_dist(r, m.get("cold_start"))) e.cold_start = *d;
  if (auto v = r.choice(m.get("arch"), *s.find("arch"))) e.arch = *v;
  if (auto v = r.duration(m.get("keep_warm"), /*positive=*/true)) e.keep_warm = *v;
  if (auto v = r.integer(m.get("concurrency"), 1, kIntMax)) {
    e.concurrency = static_cast<int>(*v);
    e.concurrency_set = true;
  }
  if (auto v = r.integer(m.get("reserved"), 0, kIntMax)) e.reserved = static_cast<int>(*v);
  if (auto v = r.integer(m.get("provisioned"), 0, kIntMax)) e.provisioned = static_cast<int>(*v);
  if (auto v = r.duration(m.get("timeout"), /*positive=*/true)) {
    if (*v > 900 * kSecond)
      r.error(m.get("timeout"), "must be at most 900s (Lambda's maximum, sources.md §7b), found " + format_duration(*v));
    else
      e.timeout = *v;
  }
  if (m.has("output"))
    if (const auto hops = r.list(m.get("output"), "a list of operations such as [orders.write]"))
      for (const auto& hop : *hops)
        if (auto h = read_hop(r, hop)) e.output.push_back(std::move(*h));
  if (e.reserved > e.concurrency)
    r.error(m.get("reserved"), "reserved concurrency " + std::to_string(e.reserved) +
                                   " exceeds the account's concurrency " + std::to_string(e.concurrency));
  const int cap = e.reserved > 0 ? e.reserved : e.concurrency;
  if (e.provisioned > cap)
    r.error(m.get("provisioned"), "provisioned concurrency " + std::to_string(e.provisioned) + " exceeds the " +
                                      (e.reserved > 0 ? "reserved" : "account's") + " concurrency " +
                                      std::to_string(cap));
  c.kind = e;
}

}  // namespace lambda_detail
}  // namespace headroom::yaml

namespace headroom {
namespace lambda_detail {

using namespace registry_detail;
using namespace validate_detail;
using K = ValueKind;

/// The operations a consumer's output may name, from the kinds that take records:
/// "one of s3.put, dynamodb.write, … or firehose.put".
std::string record_sinks() {
  std::vector<std::string> sinks;
  const ParamRegistry& r = scenario_registry();
  for (const std::string& type : r.component_types())
    if (const std::string& op = r.component(type)->hop.record_sink; !op.empty()) sinks.push_back(type + "." + op);
  if (sinks.size() < 2) return sinks.empty() ? "" : sinks.front();
  return fmt::format("one of {} or {}", fmt::join(sinks.begin(), sinks.end() - 1, ", "), sinks.back());
}

/// As a stream consumer: what each record is written to must be a table write or a put.
void validate(const ScenarioSpec& spec, const ComponentSpec& c, Diagnostics& out) {
  const auto& l = std::get<LambdaSpec>(c.kind);
  const std::string base = "components." + c.name;
  const bool consumes = std::any_of(spec.components.begin(), spec.components.end(), [&](const ComponentSpec& s) {
    const ConsumerSpec* k = s.consumer();
    return k != nullptr && k->function == c.name;
  });
  if (!l.output.empty() && !consumes)
    out.error(c.loc_of("output"), base + ".output",
              "output is what a stream consumer writes each record to, and no stream has '" + c.name +
                  "' as its consumer (name it as a stream's consumer)");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < l.output.size(); ++i) {
    const HopSpec& h = l.output[i];
    const std::string where = base + ".output[" + std::to_string(i) + "]";
    const ComponentSpec* t = spec.find(h.component);
    if (t == nullptr) {
      out.error(h.loc, where, unknown_component(spec, h.component));
      continue;
    }
    if (!seen.insert(h.component).second) out.error(h.loc, where, "'" + h.component + "' appears twice in this output");
    // What a consumer can do with a record is its target kind's record_sink: write it to a
    // table, put it on a stream or into a bucket. Pools behind balancers are a synchronous
    // path's business.
    const SectionInfo* target = scenario_registry().component(t->type);
    const std::string want = target != nullptr ? target->hop.record_sink : "";
    if (want.empty()) {
      out.error(h.loc, where, "a consumer's output is " + record_sinks() + "; '" + h.component + "' is " +
                                  type_article(t->type));
      continue;
    }
    if (h.op != want)
      out.error(h.loc, where, "write " + h.component + "." + want + " (a consumer " +
                                  (want == "write" ? "writes each record to a table" : "puts each record") + ")" +
                                  (h.op.empty() ? "" : ", found ." + h.op));
  }
}

void params(ParamRegistry& r) {
  r.add(with_rules(component("lambda", yaml::lambda_detail::read_lambda, "A Lambda function: execution environments are its unit of concurrency.",
                  {opt("memory", K::Size, "512MB", "memory, 128MB-10240MB (Lambda's MB; sets the price per second)"),
                   req("duration", K::Distribution, "run time of one invocation (its own work; calls it makes are added)"),
                   opt("per_record", K::Distribution, "0s", "as a stream consumer: added per record of a batch"),
                   one_of("runtime", {"nodejs", "python", "go", "rust", "java", "java_snapstart", "dotnet", "ruby"}, "nodejs",
                          "selects the default cold start (sources.md §7c)"),
                   opt("cold_start", K::Distribution, "by runtime (nodejs: lognormal 200ms cv 0.5)",
                       "init duration of a new execution environment"),
                   one_of("arch", {"x86_64", "arm64"}, "x86_64", "architecture (price per GB-second)"),
                   opt("keep_warm", K::Time, "10m", "an idle environment is reclaimed after this long (sources.md §7c: ~5-45 min observed)"),
                   opt("concurrency", K::Integer, "1000", "the account's concurrency limit in the Region, shared by every function (sources.md §7b)"),
                   opt("reserved", K::Integer, "0", "reserved concurrency: this function's own limit, taken from the account's"),
                   opt("provisioned", K::Integer, "0", "provisioned concurrency: environments kept initialised (no cold start)"),
                   opt("timeout", K::Time, "3s", "the function's timeout (AWS default 3 s, at most 900 s)"),
                   opt("output", K::List, "[]", "as a stream consumer: what each record is written to, e.g. [orders.write]")}), HopRules{.no_instance_faults = "a regional serverless service does not fail by instance here; its limits are how it fails (throttles: lower its quota with --set to break it)"}, validate));
}

/// Cold starts by runtime, lognormal with cv 0.5 around the middle of the typical range
/// (sources.md §7c, T: Node.js 100-300 ms, Python 150-300, Go/Rust 50-200, Java 1-3 s,
/// Java with SnapStart 90-300 ms, .NET 300-700 ms; Ruby is not listed: taken as Python's, E).
Distribution default_cold_start(const std::string& runtime) {
  const Duration ms = runtime == "python" || runtime == "ruby" ? 225
                      : runtime == "go" || runtime == "rust"   ? 125
                      : runtime == "java"                      ? 2000
                      : runtime == "java_snapstart"            ? 200
                      : runtime == "dotnet"                    ? 500
                                                               : 200;
  DistSpec d;
  d.kind = DistSpec::Kind::Lognormal;
  d.mean = ms * kMillisecond;
  d.cv = 0.5;
  return Distribution(d);
}

Function build_function(const LambdaSpec& fn, std::uint16_t id, Duration run) {
  Function f;
  f.component = id;
  f.memory_gb = fn.memory_mb / 1024.0;
  f.duration = Distribution(fn.duration);
  f.per_record = fn.per_record.mean > 0 ? Distribution(fn.per_record) : Distribution::deterministic(0);
  f.cold = fn.cold_start ? Distribution(*fn.cold_start) : default_cold_start(fn.runtime);
  f.keep_warm = fn.keep_warm;
  f.timeout = fn.timeout;
  f.reserved = fn.reserved;
  f.provisioned = fn.provisioned;
  f.arm = fn.arch == "arm64";
  f.peak_per_minute.assign(static_cast<std::size_t>(run / kMinute) + 1, 0);
  return f;
}

void build(BuildContext& b, const ComponentSpec& cs, std::uint16_t id, Component& c) {
  const auto& fn = std::get<LambdaSpec>(cs.kind);
  Model& m = b.model;
  c.cpu = Distribution(fn.duration);
  c.ext = static_cast<std::int32_t>(m.functions.size());
  m.functions.push_back(build_function(fn, id, b.spec.duration));
  if (fn.concurrency_set) m.lambda.limit = fn.concurrency;
  b.add_instance(id, kNoAz, 0);
}

/// As a stream consumer: what each record is written to, once every component is built.
void link(BuildContext& b, const ComponentSpec& cs, std::uint16_t id) {
  Model& m = b.model;
  Function& f = m.functions[static_cast<std::size_t>(m.components[id].ext)];
  for (const HopSpec& h : std::get<LambdaSpec>(cs.kind).output) {
    OutputOp op;
    op.component = b.id_of(h.component);
    const Component& t = m.components[op.component];
    op.index = t.ext;
    op.kind = t.kind == HopKind::Table      ? OutputOp::Kind::TableWrite
              : t.kind == HopKind::Stream   ? OutputOp::Kind::StreamPut
              : t.kind == HopKind::Firehose ? OutputOp::Kind::FirehosePut
                                            : OutputOp::Kind::S3Put;
    f.outputs.push_back(op);
  }
}

/// Duration, in GB-seconds a month, through its tiers (sources.md §7a): x86 the first 6 billion,
/// the next 9 billion, then the rest; Arm the first 7.5 billion, the next 11.25 billion, then
/// the rest.
constexpr PriceTier kX86Tiers[] = {
    {"gb_second_x86", 6e9},
    {"gb_second_x86_next_9b", 9e9},
    {"gb_second_x86_over_15b", kRestOfVolume},
};
constexpr PriceTier kArmTiers[] = {
    {"gb_second_arm", 7.5e9},
    {"gb_second_arm_next_11_25b", 11.25e9},
    {"gb_second_arm_over_18_75b", kRestOfVolume},
};

bool is_arm(const ComponentSpec& cs) { return std::get<LambdaSpec>(cs.kind).arch == "arm64"; }

/// The on-demand GB-seconds function `id` ran over the period (billed per ms, init included).
double gb_seconds(const Model& m, std::uint16_t id) {
  const Function& f = m.functions[static_cast<std::size_t>(m.components[id].ext)];
  return f.memory_gb * f.billed_ms / 1000;
}

void bill(const BillContext& b, const ComponentSpec& cs, std::uint16_t id, Bill& out) {
  const auto& fn = std::get<LambdaSpec>(cs.kind);
  const Component& c = b.model.components[id];
  // Requests, and GB-seconds of execution through the tiers of the account's month (every
  // function of the same architecture counts); provisioned concurrency pays for its
  // environments all along and less per executed second (sources.md §7a). The free tier is
  // per account: not applied.
  const Function& f = b.model.functions[static_cast<std::size_t>(c.ext)];
  out.add("lambda", c.name, static_cast<double>(f.invocations) / 1e6 * b.rate("lambda", "requests"));
  const bool arm = is_arm(cs);
  double total = 0;
  for (std::size_t j = 0; j < b.model.components.size(); ++j)
    if (b.model.components[j].kind == HopKind::Function && is_arm(b.spec.components[j]) == arm)
      total += gb_seconds(b.model, static_cast<std::uint16_t>(j));
  out.add("lambda", c.name,
          arm ? b.tiered("lambda", kArmTiers, gb_seconds(b.model, id), total)
              : b.tiered("lambda", kX86Tiers, gb_seconds(b.model, id), total));
  out.add("lambda", c.name, f.memory_gb * f.billed_ms_provisioned / 1000 * b.rate("lambda", "provisioned_executed_gb_second"));
  out.add("lambda", c.name, f.memory_gb * fn.provisioned * b.seconds * b.rate("lambda", "provisioned_gb_second"));
}

void figures(const FigureContext& fc, std::uint16_t id, ComponentReport& cr) {
  const Model& m = fc.model;
  const Function& f = m.functions[static_cast<std::size_t>(m.components[id].ext)];
  auto add = [&](ComponentStat key, double v) { cr.stats.emplace_back(key, v); };
  const int limit = f.reserved > 0 ? f.reserved : m.lambda.unreserved_limit;
  cr.utilization = f.busy_area / (fc.window_s * 1e9) / std::max(1, limit);
  cr.throughput_rps = static_cast<double>(f.invocations) / fc.window_s;
  add(ComponentStat::Invocations, static_cast<double>(f.invocations));
  add(ComponentStat::ColdStarts, static_cast<double>(f.cold_starts));
  add(ComponentStat::ColdStartShare,
      f.invocations ? static_cast<double>(f.cold_starts) / static_cast<double>(f.invocations) : 0);
  add(ComponentStat::Throttled, static_cast<double>(f.throttled));
  add(ComponentStat::Timeouts, static_cast<double>(f.timeouts));
  add(ComponentStat::ConcurrencyMax, f.peak);
  add(ComponentStat::ConcurrencyMean, f.busy_area / (fc.window_s * 1e9));
  add(ComponentStat::GbSeconds, f.memory_gb * (f.billed_ms + f.billed_ms_provisioned) / 1000);
  cr.series_kind = ComponentSeries::ConcurrencyPerMinute;
  for (std::size_t k = 0; k < std::min(fc.minutes(), f.peak_per_minute.size()); ++k) cr.series.push_back(f.peak_per_minute[k]);
}

LimitShare limit_share(const Model& m, std::uint16_t id, const AnalyticLoad& load) {
  const Function& f = m.functions[static_cast<std::size_t>(m.components[id].ext)];
  const int limit = f.reserved > 0 ? f.reserved : m.lambda.unreserved_limit;
  return {load.environments_busy / std::max(1, limit),
          fmt::format("{:.0f} concurrent executions of {} allowed", load.environments_busy, limit)};
}

std::string summary(const ComponentReport& c) {
  using S = ComponentStat;
  return fmt::format("{:.0f} invocations, {:.0f} cold ({:.4f}%), throttled {:.0f}, timeouts {:.0f}, "
                     "concurrency max {:.0f} mean {:.1f}",
                     c.stat(S::Invocations), c.stat(S::ColdStarts), c.stat(S::ColdStartShare) * 100,
                     c.stat(S::Throttled), c.stat(S::Timeouts), c.stat(S::ConcurrencyMax), c.stat(S::ConcurrencyMean));
}

void draw_edges(const ComponentSpec& cs, TopologyGraph& g) {
  for (const HopSpec& h : std::get<LambdaSpec>(cs.kind).output) add_edge(g, cs.name, h.component, "records (" + h.op + ")", true);
}

}  // namespace lambda_detail

const ComponentKind& lambda_kind() {
  using namespace lambda_detail;
  static const ComponentKind kind{.type = "lambda",
                                  .hop = HopKind::Function,
                                  .params = params,
                                  .build = build,
                                  .link = link,
                                  .bill = bill,
                                  .figures = figures,
                                  .limit_share = limit_share,
                                  .draw_edges = draw_edges,
                                  .summary = summary,
                                  .when_busy = "concurrency",
                                  .when_refusing = "concurrency"};
  return kind;
}

}  // namespace headroom
