#include "support/cli.hpp"

#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unistd.h>

namespace headroom::testing {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

CliResult run_cli(const std::string& args, int timeout_s) {
  const std::string tag = std::to_string(::getpid()) + "_" + std::to_string(std::rand());
  const std::string out = "/tmp/headroom_cli_out_" + tag, err = "/tmp/headroom_cli_err_" + tag;
  const std::string cmd = std::string("cd '") + HEADROOM_SOURCE_DIR + "' && " + (timeout_s > 0 ? "timeout -k 5 " + std::to_string(timeout_s) + " " : std::string()) + "'" +
                          HEADROOM_BINARY + "' " + args +
                          " >" + out + " 2>" + err + " </dev/null";
  const int raw = std::system(cmd.c_str());
  CliResult r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  r.out = read_file(out);
  r.err = read_file(err);
  std::remove(out.c_str());
  std::remove(err.c_str());
  return r;
}

std::string without_sim(const std::string& json_text) {
  auto j = nlohmann::ordered_json::parse(json_text);
  j.erase("sim");
  // A replicated report averages the sim block too (replications.intervals["sim.wall_s"]).
  if (j.contains("replications") && j["replications"].contains("intervals")) {
    auto& intervals = j["replications"]["intervals"];
    for (auto it = intervals.begin(); it != intervals.end();)
      it = it.key().rfind("sim.", 0) == 0 ? intervals.erase(it) : std::next(it);
  }
  return j.dump(2);
}

}  // namespace headroom::testing
