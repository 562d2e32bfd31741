// Whole-scenario checks across the serverless components (spec.md §3, §7): that records cannot
// flow round in a circle, and that the functions agree on the account's concurrency limit. What
// one component names (a consumer, an output, a destination) its kind checks
// (sim/components/<kind>.cpp).
#include <algorithm>
#include <map>
#include <set>

#include "validate_detail.hpp"

namespace headroom::validate_detail {
namespace {

class ServerlessChecks {
 public:
  ServerlessChecks(const ScenarioSpec& spec, Diagnostics& out) : spec_(spec), out_(out) {}

  void run() {
    concurrency();
    circles();
  }

 private:
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
      const ConsumerSpec* k = c.consumer();
      if (k == nullptr) continue;
      const ComponentSpec* fn = spec_.find(k->function);
      const auto* l = fn ? std::get_if<LambdaSpec>(&fn->kind) : nullptr;
      if (l == nullptr) continue;
      for (const HopSpec& h : l->output)
        if (const ComponentSpec* t = spec_.find(h.component); t && t->consumer()) next[c.name].push_back(t->name);
    }
    std::set<std::string> done;
    for (const auto& c : spec_.components) {
      if (c.consumer() == nullptr || done.count(c.name)) continue;
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
