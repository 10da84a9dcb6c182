#pragma once
// "New version as of…" on a front line or control area (issue 15): a side panel beside the map
// while the vertex tool (vertex_edit_tool.h) reshapes the version in force on the clock's day.
// The panel holds what the version needs besides its shape (as-of date, sources, confidence,
// description) and a live "km² gained / lost" preview: the edit is checked by the store without
// writing (DatasetStore::preview) on a background thread and compared with the version before
// it by the same code as `diff` (version_change.h). Save applies the AddVersion through the
// record session (undoable); Cancel or Escape drops the sketch, nothing written.
#include "atlas/edit/edit.h"
#include "atlas/gui/background_task.h"
#include "atlas/gui/version_sketch.h"

#include <QDockWidget>

#include <memory>
#include <optional>
#include <string>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;

namespace atlas::app {

class DraftKeeper;
class IdPicker;
class RecordSession;
class VertexEditTool;
struct Workbench;

class VersionPanel : public QDockWidget {
    Q_OBJECT
public:
    // `start`: the version in force on `asOfDay` (the clock's day), from the session's store.
    VersionPanel(RecordSession& session, const Workbench& wb, edit::AddVersion start, int32_t asOfDay,
                 QWidget* parent = nullptr);
    ~VersionPanel() override;

    VersionSketch& sketch() { return *m_sketch; }
    VertexEditTool* tool() const { return m_tool.get(); }
    IdPicker* sources() const { return m_sources; }
    // The edit the panel describes now; nullopt with the reason in errorText().
    std::optional<edit::AddVersion> edit();
    // The panel's content unchecked (the as-of date as typed): what the journal keeps.
    edit::AddVersion draft() const;
    // A draft recovered after a crash (its shape was the panel's start): its date, sources,
    // confidence and description back in the panel, and in this window's journal.
    void restoreDraft(const edit::AddVersion& v);
    QString errorText() const;
    // The last finished preview ("" while none), and whether one is being computed.
    QString previewText() const;
    bool previewRunning() const;
    // Runs the preview now (the panel otherwise waits for the edits to pause).
    void updatePreview();

public slots:
    void save();
    void cancel();

signals:
    // Saved (true) or given up (false); the panel closes itself either way.
    void finished(bool saved);

private:
    struct Preview {
        QString text;
        bool ok = false;
    };
    void showError(const QString& text);
    void finish(bool saved);

    RecordSession& m_session;
    const Workbench& m_wb;
    std::unique_ptr<VersionSketch> m_sketch;
    std::unique_ptr<VertexEditTool> m_tool;
    QLineEdit* m_asOf = nullptr;
    QLabel* m_asOfPrecision = nullptr;
    IdPicker* m_sources = nullptr;
    QComboBox* m_confidence = nullptr;
    QLineEdit* m_description = nullptr;
    QLabel* m_intro = nullptr;
    QLabel* m_preview = nullptr;
    DraftKeeper* m_drafts = nullptr;
    QLabel* m_error = nullptr;
    QTimer* m_previewDelay = nullptr;
    std::unique_ptr<BackgroundTask<Preview>> m_previewTask;
    bool m_closed = false;
};

// Vertices of the visible vector layers other than `exceptLayerKey`'s, in the display CRS: what
// the vertex tool snaps to.
std::vector<Coord> snapTargetsOf(const Workbench& wb, const std::string& exceptLayerKey);

}  // namespace atlas::app
