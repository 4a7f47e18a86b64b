// Replays the fuzz corpus (and any files given) through LLVMFuzzerTestOneInput: the fuzz
// target's checks run as a normal test where libFuzzer is not available.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int main(int argc, char** argv) {
    int files = 0;
    for (int i = 1; i < argc; ++i) {
        std::filesystem::path p(argv[i]);
        auto run = [&](const std::filesystem::path& f) {
            std::ifstream in(f, std::ios::binary);
            std::stringstream ss;
            ss << in.rdbuf();
            const std::string bytes = ss.str();
            LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
            // Every prefix too: files cut anywhere (partial last lines) must be safe.
            for (size_t n = 0; n < bytes.size() && n < 4096; n += 7)
                LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), n);
            ++files;
        };
        if (std::filesystem::is_directory(p)) {
            for (const auto& e : std::filesystem::directory_iterator(p))
                if (e.is_regular_file()) run(e.path());
        } else {
            run(p);
        }
    }
    std::printf("replayed %d files\n", files);
    return files > 0 ? 0 : 1;
}
