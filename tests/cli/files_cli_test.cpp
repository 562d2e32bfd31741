#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "support/cli.hpp"
#include "support/scratch.hpp"

using namespace headroom::testing;
namespace fs = std::filesystem;

namespace {

/// A scratch directory holding a copy of the single-server scenario as x.yaml.
struct CliScratch : Scratch {
  std::string scenario = path("x.yaml");
  CliScratch() : Scratch("files_cli") {
    fs::copy_file(std::string(HEADROOM_SOURCE_DIR) + "/scenarios/examples/single-server.yaml", scenario);
  }
};

}  // namespace

TEST_CASE("cli files: run refuses to write its report over its own scenario, by any name") {
  CliScratch s;
  const std::string original = read_file(s.scenario);
  fs::create_symlink(s.scenario, s.path("link.yaml"));
  for (const std::string& out : {s.scenario, s.path("link.yaml"), (s.dir / "." / "x.yaml").string()}) {
    const CliResult r = run_cli("run " + s.scenario + " --quiet --json " + out);
    CHECK_MESSAGE(r.status == 2, out);
    CHECK_MESSAGE(says(r, "command line: error: --json: '" + out + "' is"), r.err);
    CHECK_MESSAGE(says(r, "an input of this command; writing it would destroy it"), r.err);
  }
  CHECK(read_file(s.scenario) == original);
  CHECK(fs::is_symlink(s.path("link.yaml")));
}

TEST_CASE("cli files: diagram, check and compare refuse an output that is one of their inputs") {
  CliScratch s;
  const std::string original = read_file(s.scenario);
  CHECK(run_cli("diagram " + s.scenario + " --output " + s.scenario).status == 2);
  CHECK(run_cli("compare " + s.scenario + " " + s.scenario + " --markdown " + s.scenario).status == 2);
  CHECK(read_file(s.scenario) == original);
  const std::string baselines =
      s.write("b.yaml", "# kept\nbaselines:\n  - scenario: " + s.scenario + "\n    expect:\n      latency_ms.p99: {max: 1000}\n");
  for (const char* option : {"--junit", "--markdown"}) {
    const CliResult r = run_cli(std::string("check ") + baselines + " " + option + " " + baselines);
    CHECK(r.status == 2);
    CHECK_MESSAGE(says(r, std::string(option) + ": '" + baselines + "' is an input of this command"), r.err);
  }
  CHECK(read_file(baselines).rfind("# kept\n", 0) == 0);
}

TEST_CASE("cli files: two outputs on one file are refused before anything runs") {
  CliScratch s;
  const CliResult r = run_cli("run " + s.scenario + " --quiet --json " + s.path("out") + " --report " + s.path("out"));
  CHECK(r.status == 2);
  CHECK(says(r, "--report: '" + s.path("out") + "' is also the file of --json"));
  CHECK_FALSE(fs::exists(s.path("out")));
}

TEST_CASE("cli files: check --update refuses a read-only baselines file and leaves it as it was") {
  CliScratch s;
  const std::string text = "# kept\nbaselines:\n  - scenario: " + s.scenario + "\n    expect:\n      latency_ms.p99: {max: 1000}\n";
  const std::string baselines = s.write("b.yaml", text);
  fs::permissions(baselines, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  const CliResult r = run_cli("check " + baselines + " --update");
  CHECK(r.status == 2);
  CHECK(says(r, "--update: '" + baselines + "' is read-only; make it writable (chmod u+w) to update it"));
  CHECK(read_file(baselines) == text);
}

TEST_CASE("cli files: an output in a missing directory or on a directory is refused at once") {
  CliScratch s;
  CHECK(says(run_cli("run " + s.scenario + " --quiet --json " + s.path("none/out.json")), "does not exist"));
  const CliResult r = run_cli("diagram " + s.scenario + " --output " + s.dir.string());
  CHECK(r.status == 2);
  CHECK(says(r, "is a directory; expected a file to write"));
}

TEST_CASE("cli files: diagram writes through a symlink and keeps a private file private") {
  CliScratch s;
  const std::string target = s.write("graph.dot", "old");
  fs::permissions(target, fs::perms::owner_read | fs::perms::owner_write);
  fs::create_symlink(target, s.path("link.dot"));
  REQUIRE(run_cli("diagram " + s.scenario + " --output " + s.path("link.dot")).status == 0);
  CHECK(fs::is_symlink(s.path("link.dot")));
  CHECK(read_file(target).find("digraph topology {") != std::string::npos);
  CHECK((fs::status(target).permissions() & fs::perms::all) == (fs::perms::owner_read | fs::perms::owner_write));
  REQUIRE(run_cli("diagram " + s.scenario + " --output /dev/null").status == 0);
  CHECK(fs::is_character_file("/dev/null"));
}

TEST_CASE("cli files: a FIFO, a device or a directory given as a scenario is refused without blocking") {
  CliScratch s;
  const std::string fifo = s.path("pipe.yaml");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const CliResult from_fifo = run_cli("validate " + fifo, 20);
  CHECK(from_fifo.status == 2);
  CHECK(says(from_fifo, fifo + ": error: cannot open file (it is a FIFO (named pipe), not a regular file)"));
  const CliResult from_zero = run_cli("run /dev/zero", 20);
  CHECK(from_zero.status == 2);
  CHECK(says(from_zero, "/dev/zero: error: cannot open file (it is a character device, not a regular file)"));
  CHECK(run_cli("validate " + s.dir.string(), 20).status == 2);
  const CliResult topology = run_cli("run " + s.scenario + " --quiet --set topology=pipe.yaml", 20);
  CHECK(topology.status == 2);
  CHECK(says(topology, "cannot open topology file '" + fifo + "' (it is a FIFO (named pipe), not a regular file)"));
}

TEST_CASE("cli files: a FIFO inside a journey directory stops the journey at once") {
  CliScratch s;
  const std::string fifo = s.path("09-pipe.yaml");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const CliResult r = run_cli("journey " + s.dir.string() + " --quiet", 20);
  CHECK(r.status == 2);
  CHECK(says(r, fifo + ": error: cannot open file (it is a FIFO (named pipe), not a regular file)"));
}

TEST_CASE("cli files: a scenario larger than 16 MiB is refused before it is read") {
  CliScratch s;
  const std::string big = s.write("big.yaml", "# padding\n");
  fs::resize_file(big, 17u << 20);
  const CliResult r = run_cli("validate " + big, 20);
  CHECK(r.status == 2);
  CHECK(says(r, "cannot open file (it is 17.0 MiB, more than the 16.0 MiB an input file may hold)"));
}
