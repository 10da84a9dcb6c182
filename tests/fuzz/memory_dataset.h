#pragma once
// A dataset folder in GDAL's /vsimem/ for the loader fuzzers: SOURCES.md is written once (the
// real bibliography, so source ids resolve and rows can load), then each input is written as
// one file of the schema and the whole loader runs on the folder — no disk I/O per execution.
#include "atlas/data/dataset.h"
#include "fuzz_check.h"

#include <cpl_vsi.h>

#include <fstream>
#include <string>
#include <string_view>

namespace fuzz {

inline const std::string kDir = "/vsimem/atlas-fuzz-dataset";

inline void writeMemFile(const std::string& path, std::string_view bytes)
{
    VSILFILE* f = VSIFOpenL(path.c_str(), "wb");
    FUZZ_CHECK(f != nullptr);
    FUZZ_CHECK(VSIFWriteL(bytes.data(), 1, bytes.size(), f) == bytes.size());
    VSIFCloseL(f);
}

// Call once (LLVMFuzzerInitialize): writes the source ids of geodata/SOURCES.md into the folder,
// one short table row each — the loader reads the catalog on every execution, and the full
// bibliography made that a fifth of the time.
inline void initDataset()
{
    std::ifstream in(ATLAS_GEODATA_DIR "/SOURCES.md", std::ios::binary);
    FUZZ_CHECK(in.good());
    std::string line, catalog = "| id | outlet | title | date | url |\n|---|---|---|---|---|\n";
    std::size_t ids = 0;
    while (std::getline(in, line)) {
        if (line.rfind("| ", 0) != 0) continue;
        const std::size_t end = line.find(" |", 2);
        const std::string id = line.substr(2, end == std::string::npos ? std::string::npos : end - 2);
        if (id.empty() || (id[0] != 'S' && id != "NE")) continue;
        catalog += "| " + id + " | o | t | d | u |\n";
        ++ids;
    }
    FUZZ_CHECK(ids > 10);
    VSIMkdir(kDir.c_str(), 0755);
    writeMemFile(kDir + "/SOURCES.md", catalog);
}

// Loads the folder with `file` holding `bytes`, then removes the file again. Checks what the
// design promises of every load: each row read is loaded or reported (an error), never lost.
inline atlas::Dataset loadWith(const std::string& file, std::string_view bytes, atlas::Diagnostics& diagnostics)
{
    const std::string path = kDir + "/" + file;
    writeMemFile(path, bytes);
    atlas::Dataset ds = atlas::Dataset::load(kDir, atlas::DatasetOptions{}, diagnostics);
    VSIUnlink(path.c_str());
    for (const atlas::FileSummary& s : ds.files()) {
        FUZZ_CHECK(s.rowsLoaded <= s.rowsRead);
        if (s.rowsLoaded < s.rowsRead) FUZZ_CHECK(diagnostics.hasErrors());
    }
    (void)diagnostics.formatAll();
    return ds;
}

}  // namespace fuzz
