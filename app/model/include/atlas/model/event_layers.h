#pragma once
// ACLED and UCDP GED files opened in the window (Open Data, drag and drop, a project): the
// import (io::importEventFile) becomes a user layer with the import's own time — each event
// spans date_from … date_to, both days included, widened by its time precision, and fades
// like the bundled events — styled like events, with its uncertainty halo.
//
// A newer export of data already open (same format, at least one event id in common) replaces
// the open layer; what changed is io::compareEventExports' report, the one `kachin-atlas
// import-report` prints.
#include "atlas/io/event_import.h"
#include "atlas/io/reimport_diff.h"
#include "atlas/model/map_document.h"

#include <QString>

#include <optional>
#include <vector>

namespace atlas::app {

// True when `path` is a CSV whose header is ACLED's or UCDP GED's.
bool isEventFile(const QString& path);

// The entry an import becomes (the import's layer, time and an event style titled `title`).
LayerEntry eventLayerEntry(const io::EventImport& import, const QString& title);

// The format of an entry that came from an event import; nullopt for any other layer.
std::optional<io::EventFormat> eventFormatOf(const Layer& layer);

// Of `open` (layers of the document, bottom first), the one `newer` is a newer export of: an
// event import of the same format sharing an event id with it; the topmost when several do.
LayerPtr replacedBy(const std::vector<LayerPtr>& open, const io::EventImport& newer);

// What a re-import changed, for the window.
struct EventReimport {
    LayerPtr replaced;            // the layer the newer export replaces
    io::ReimportReport report;    // file against file
    // False when the older file is gone or is the newer one (overwritten by the download):
    // then only ids are compared (added, deleted), and `changed` is not known.
    bool itemised = true;
};

// Compares the file `replaced` was read from with the newer import. Reads both files: call it
// off the GUI thread for large exports. Problems reading the older file go to `diagnostics`.
EventReimport compareWithOpen(const LayerPtr& replaced, const io::EventImport& newer, Diagnostics& diagnostics);

// "ACLED acled_v2.csv replaces acled_v1.csv: 2 added, 2 changed, 1 deleted, 7 unchanged"
QString reimportSummary(const EventReimport& reimport);

}  // namespace atlas::app
