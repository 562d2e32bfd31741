#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include "headroom/core/files.hpp"
#include "headroom/report/writers.hpp"
#include "support/cli.hpp"
#include "support/scratch.hpp"

using namespace headroom;
using namespace headroom::testing;
namespace fs = std::filesystem;

namespace {

mode_t mode_of(const std::string& p) {
  struct stat st {};
  ::stat(p.c_str(), &st);
  return st.st_mode;
}

bool has_problem(const std::vector<Diagnostic>& problems, const std::string& option, const std::string& words) {
  for (const auto& d : problems)
    if (d.path == option && d.message.find(words) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("files: a regular input is read whole and noted as an input") {
  Scratch s("files");
  const std::string p = s.write("a.yaml", "name: x\n");
  const InputText in = read_input_file(p);
  REQUIRE(in.text);
  CHECK(*in.text == "name: x\n");
  const auto read = input_files_read();
  CHECK(std::find(read.begin(), read.end(), p) != read.end());
}

TEST_CASE("files: a FIFO, a device and a directory are refused at once, never read") {
  Scratch s("files");
  const std::string fifo = s.path("pipe.yaml");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const InputText from_fifo = read_input_file(fifo);
  CHECK_FALSE(from_fifo.text);
  CHECK(from_fifo.problem == "it is a FIFO (named pipe), not a regular file");
  const InputText from_zero = read_input_file("/dev/zero");
  CHECK_FALSE(from_zero.text);
  CHECK(from_zero.problem == "it is a character device, not a regular file");
  const InputText from_dir = read_input_file(s.dir.string());
  CHECK(from_dir.problem == "it is a directory, not a regular file");
  CHECK(read_input_file(s.path("none.yaml")).problem == "no such file");
}

TEST_CASE("files: a file larger than the cap is refused before it is read") {
  Scratch s("files");
  const std::string big = s.path("big.yaml");
  { std::ofstream(big) << "x"; }
  fs::resize_file(big, 20u << 20);
  const InputText in = read_input_file(big);
  CHECK_FALSE(in.text);
  CHECK(in.problem == "it is 20.0 MiB, more than the 16.0 MiB an input file may hold");
  CHECK(kMaxInputBytes == 16u * 1024 * 1024);
  CHECK(read_input_file(s.write("small.yaml", std::string(2000, 'a')), 1000).problem.find("more than") !=
        std::string::npos);
}

TEST_CASE("files: an output that is an input, by any name, is refused") {
  Scratch s("files");
  const std::string in = s.write("in.yaml", "a: 1\n");
  REQUIRE(read_input_file(in).text);
  fs::create_symlink(in, s.path("link.yaml"));
  fs::create_hard_link(in, s.path("hard.yaml"));
  const std::string dotted = (s.dir / "." / "in.yaml").string();
  for (const std::string& out : {in, s.path("link.yaml"), s.path("hard.yaml"), dotted}) {
    const auto problems = output_file_problems({{"--json", out}});
    CHECK_MESSAGE(has_problem(problems, "--json", "an input of this command; writing it would destroy it"), out);
  }
  CHECK(output_file_problems({{"--update", in, true}}).empty());
  CHECK(output_file_problems({{"--json", s.path("fresh.json")}, {"--json", "-"}, {"--report", "-"}}).empty());
}

TEST_CASE("files: two outputs naming one file are refused, existing or not") {
  Scratch s("files");
  const std::string out = s.path("out.json");
  const std::string same = (s.dir / "." / "out.json").string();
  CHECK(has_problem(output_file_problems({{"--json", out}, {"--report", same}}), "--report", "is also the file of --json"));
  s.write("out.json", "{}");
  CHECK(has_problem(output_file_problems({{"--json", out}, {"--report", same}}), "--report", "is also the file of --json"));
}

TEST_CASE("files: a directory, a read-only file and a missing directory are refused as outputs") {
  Scratch s("files");
  CHECK(has_problem(output_file_problems({{"--json", s.dir.string()}}), "--json", "is a directory"));
  const std::string ro = s.write("ro.yaml", "a: 1\n");
  fs::permissions(ro, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  CHECK(has_problem(output_file_problems({{"--update", ro, true}}), "--update", "is read-only"));
  CHECK(has_problem(output_file_problems({{"--junit", s.path("no/such/dir/x.xml")}}), "--junit",
                    "does not exist"));
}

TEST_CASE("files: writing keeps a file's mode, writes through a symlink and keeps hard links") {
  Scratch s("files");
  const std::string secret = s.write("secret.json", "old");
  fs::permissions(secret, fs::perms::owner_read | fs::perms::owner_write);
  write_file_atomic(secret, "new");
  CHECK(testing::read_file(secret) == "new");
  CHECK((mode_of(secret) & 0777) == 0600);

  const std::string target = s.write("target.json", "old");
  fs::create_symlink(target, s.path("link.json"));
  write_file_atomic(s.path("link.json"), "through");
  CHECK(fs::is_symlink(s.path("link.json")));
  CHECK(testing::read_file(target) == "through");

  const std::string first = s.write("first.json", "old");
  fs::create_hard_link(first, s.path("second.json"));
  write_file_atomic(first, "both");
  CHECK(testing::read_file(s.path("second.json")) == "both");
  CHECK(fs::hard_link_count(first) == 2);
}

TEST_CASE("files: writing never replaces a device, refuses a FIFO nobody reads and a read-only file") {
  Scratch s("files");
  write_file_atomic("/dev/null", "discarded");
  CHECK(S_ISCHR(mode_of("/dev/null")));
  const std::string fifo = s.path("out.fifo");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK_THROWS_WITH_AS(write_file_atomic(fifo, "x"),
                       ("cannot write '" + fifo + "': it is a FIFO that no process is reading").c_str(), InputError);
  CHECK(S_ISFIFO(mode_of(fifo)));
  const std::string ro = s.write("ro.json", "keep");
  fs::permissions(ro, fs::perms::owner_read);
  CHECK_THROWS_AS(write_file_atomic(ro, "x"), InputError);
  CHECK(testing::read_file(ro) == "keep");
  CHECK_THROWS_AS(write_file_atomic(s.dir.string(), "x"), InputError);
}
