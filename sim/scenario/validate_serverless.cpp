// Whole-scenario checks of the serverless components (spec.md §3, §7): what stream consumers,
// consumer outputs and Firehose destinations name; that records cannot flow round in a circle;
// and that the functions agree on the account's concurrency limit.
#include <algorithm>
#include <map>
#include <set>

#include "validate_detail.hpp"

namespace headroom::validate_detail {
namespace {

// The stream a component feeds a consumer from: a kinesis, or a dynamodb table with a stream.
const ConsumerSpec* consumer_of(const ComponentSpec& c) {
  if (const auto* k = std::get_if<KinesisSpec>(&c.kind); k && k->consumer) return &*k->consumer;
  if (const auto* t = std::get_if<DynamoSpec>(&c.kind); t && t->stream) return &*t->stream;
  return nullptr;
}

class ServerlessChecks {
 public:
  ServerlessChecks(const ScenarioSpec& spec, Diagnostics& out) : spec_(spec), out_(out) {}

  void run() {
    for (const auto& c : spec_.components) {
      const std::string base = "components." + c.name;
      if (const ConsumerSpec* k = consumer_of(c)) consumer(c, *k, base);
      if (const auto* f = std::get_if<FirehoseSpec>(&c.kind)) destination(c, *f, base);
      if (const auto* l = std::get_if<LambdaSpec>(&c.kind)) output(c, *l, base);
    }
    concurrency();
    circles();
  }

 private:
  void consumer(const ComponentSpec& c, const ConsumerSpec& k, const std::string& base) {
    const std::string where = base + (c.type == "kinesis" ? ".consumer" : ".stream.consumer");
    const ComponentSpec* fn = spec_.find(k.function);
    if (fn == nullptr)
      out_.error(k.loc, where, unknown_component(spec_, k.function));
    else if (fn->type != "lambda")
      out_.error(k.loc, where, "a stream's consumer is a lambda component; '" + k.function + "' is " +
                                   type_article(fn->type));
  }

  void destination(const ComponentSpec& c, const FirehoseSpec& f, const std::string& base) {
    const ComponentSpec* d = spec_.find(f.destination);
    if (d == nullptr)
      out_.error(c.loc_of("destination"), base + ".destination", unknown_component(spec_, f.destination));
    else if (d->type != "s3")
      out_.error(c.loc_of("destination"), base + ".destination",
                 "a firehose delivers to an s3 component; '" + f.destination + "' is " + type_article(d->type));
  }

  bool consumes(const std::string& fn) const {
    return std::any_of(spec_.components.begin(), spec_.components.end(), [&](const ComponentSpec& c) {
      const ConsumerSpec* k = consumer_of(c);
      return k != nullptr && k->function == fn;
    });
  }

  void output(const ComponentSpec& c, const LambdaSpec& l, const std::string& base) {
    if (!l.output.empty() && !consumes(c.name))
      out_.error(c.loc_of("output"), base + ".output",
                 "output is what a stream consumer writes each record to, and no stream has '" + c.name +
                     "' as its consumer (set it as a kinesis consumer or a dynamodb stream's consumer)");
    std::set<std::string> seen;
    for (std::size_t i = 0; i < l.output.size(); ++i) {
      const HopSpec& h = l.output[i];
      const std::string where = base + ".output[" + std::to_string(i) + "]";
      const ComponentSpec* t = spec_.find(h.component);
      if (t == nullptr) {
        out_.error(h.loc, where, unknown_component(spec_, h.component));
        continue;
      }
      if (!seen.insert(h.component).second)
        out_.error(h.loc, where, "'" + h.component + "' appears twice in this output");
      // What a consumer can do with a record: write it to a table, or put it on a stream or
      // into an S3 object. Pools behind balancers are a synchronous path's business.
      std::string want;
      if (t->type == "dynamodb") want = "write";
      else if (t->type == "kinesis" || t->type == "firehose" || t->type == "s3") want = "put";
      if (want.empty()) {
        out_.error(h.loc, where, "a consumer's output is a dynamodb.write, kinesis.put, firehose.put or s3.put; '" +
                                     h.component + "' is " + type_article(t->type));
        continue;
      }
      if (h.op != want)
        out_.error(h.loc, where, "write " + h.component + "." + want + " (a consumer " +
                                     (want == "write" ? "writes each record to a table" : "puts each record") + ")" +
                                     (h.op.empty() ? "" : ", found ." + h.op));
    }
  }

  // One account, one Region: one concurrency limit, however many functions say it.
  void concurrency() {
    const ComponentSpec* first = nullptr;
    int reserved = 0, limit = 1000;
    for (const auto& c : spec_.components) {
      const auto* l = std::get_if<LambdaSpec>(&c.kind);
      if (l == nullptr) continue;
      reserved += l->reserved;
      if (!l->concurrency_set) continue;
      limit = l->concurrency;
      if (first == nullptr) {
        first = &c;
        continue;
      }
      const int other = std::get<LambdaSpec>(first->kind).concurrency;
      if (other != l->concurrency)
        out_.error(c.loc_of("concurrency"), "components." + c.name + ".concurrency",
                   "concurrency is the account's limit in the Region, shared by every function: '" + first->name +
                       "' says " + std::to_string(other) + ", this says " + std::to_string(l->concurrency));
    }
    if (reserved > limit)
      out_.error(spec_.loc_of("components"), "components",
                 "the functions reserve " + std::to_string(reserved) + " concurrent executions, more than the account's " +
                     std::to_string(limit));
  }

  // Records flow stream -> consumer -> output streams; a circle would grow for ever.
  void circles() {
    std::map<std::string, std::vector<std::string>> next;  // stream -> streams its consumer feeds
    for (const auto& c : spec_.components) {
      const ConsumerSpec* k = consumer_of(c);
      if (k == nullptr) continue;
      const ComponentSpec* fn = spec_.find(k->function);
      const auto* l = fn ? std::get_if<LambdaSpec>(&fn->kind) : nullptr;
      if (l == nullptr) continue;
      for (const HopSpec& h : l->output)
        if (const ComponentSpec* t = spec_.find(h.component); t && consumer_of(*t)) next[c.name].push_back(t->name);
    }
    std::set<std::string> done;
    for (const auto& c : spec_.components) {
      if (consumer_of(c) == nullptr || done.count(c.name)) continue;
      std::vector<std::string> stack{c.name};
      if (walk(next, stack, done)) {
        std::string circle;
        for (const auto& s : stack) circle += (circle.empty() ? "" : " -> ") + s;
        out_.error(c.loc, "components." + c.name,
                   "records flow round in a circle (" + circle + "): each would be processed for ever");
        return;
      }
    }
  }

  bool walk(const std::map<std::string, std::vector<std::string>>& next, std::vector<std::string>& stack,
            std::set<std::string>& done) {
    const auto it = next.find(stack.back());
    if (it != next.end())
      for (const auto& n : it->second) {
        if (std::find(stack.begin(), stack.end(), n) != stack.end()) {
          stack.push_back(n);
          return true;
        }
        stack.push_back(n);
        if (walk(next, stack, done)) return true;
        stack.pop_back();
      }
    done.insert(stack.back());
    return false;
  }

  const ScenarioSpec& spec_;
  Diagnostics& out_;
};

}  // namespace

void validate_serverless(const ScenarioSpec& spec, Diagnostics& out) { ServerlessChecks(spec, out).run(); }

}  // namespace headroom::validate_detail
