// lambda: a Lambda function (spec.md §3). Execution environments are its unit of concurrency:
// warm, cold (an init time set by its runtime) or throttled at the account's or its reserved
// limit; billed per millisecond and GB.
#include "components/kind.hpp"
#include "scenario/registry_builders.hpp"

namespace headroom {
namespace {

using namespace registry_detail;
using K = ValueKind;

void params(ParamRegistry& r) {
  r.add(component("lambda", "A Lambda function: execution environments are its unit of concurrency.",
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
                   opt("output", K::List, "[]", "as a stream consumer: what each record is written to, e.g. [orders.write]")}));
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

void bill(const BillContext& b, const ComponentSpec& cs, std::uint16_t id, Bill& out) {
  const auto& fn = std::get<LambdaSpec>(cs.kind);
  const Component& c = b.model.components[id];
  // Requests, and GB-seconds of execution billed per ms (init included); provisioned
  // concurrency pays for its environments all along and less per executed second
  // (sources.md §7a). The free tier is per account: not applied.
  const Function& f = b.model.functions[static_cast<std::size_t>(c.ext)];
  out.add("lambda", c.name, static_cast<double>(f.invocations) / 1e6 * b.rate("lambda", "requests"));
  const double gb_s = f.memory_gb * f.billed_ms / 1000;
  out.add("lambda", c.name, gb_s * b.rate("lambda", fn.arch == "arm64" ? "gb_second_arm" : "gb_second_x86"));
  out.add("lambda", c.name, f.memory_gb * f.billed_ms_provisioned / 1000 * b.rate("lambda", "provisioned_executed_gb_second"));
  out.add("lambda", c.name, f.memory_gb * fn.provisioned * b.seconds * b.rate("lambda", "provisioned_gb_second"));
}

}  // namespace

const ComponentKind& lambda_kind() {
  static const ComponentKind kind{"lambda", HopKind::Function, params, build, link, bill};
  return kind;
}

}  // namespace headroom
