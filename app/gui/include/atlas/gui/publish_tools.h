#pragma once
// Publishing in the window: projects (New/Open/Save/Save As, autosave and crash recovery),
// annotations (toolbar, modes, undo/redo), the export dialog (replacing the plain PNG export)
// and the animation dialog. Installed by one line in MainWindow; all wiring lives here.
#include "atlas/gui/workbench.h"
#include "atlas/model/annotation_model.h"
#include "atlas/model/project_file.h"
#include "atlas/publishing/project_export.h"
#include "atlas/gui/annotation_tool.h"

#include <QLockFile>
#include <QObject>
#include <QTimer>

#include <memory>

class QAction;
class QActionGroup;
class QMessageBox;

namespace atlas::app {


class PublishTools : public QObject {
    Q_OBJECT
public:
    explicit PublishTools(const Workbench& wb);
    ~PublishTools() override;

    AnnotationModel* annotations() { return m_model; }
    AnnotationTool* annotationTool() { return m_tool; }
    const QString& projectPath() const { return m_path; }
    const ExportSettings& exportSettings() const { return m_project.exportSettings; }
    void setExportSettings(const ExportSettings& s) { m_project.exportSettings = s; }

    // The window as a project (layers, view, clock, annotations, export settings).
    Project captureProject() const;
    // No dialogs: errors when the save failed, which leaves the old file whole.
    Diagnostics saveProject(const QString& path);
    // Opens `path` into the window (layers, view, clock, annotations). Errors: the file is
    // refused and nothing changes. Warnings: it opened, and these parts could not be restored.
    Diagnostics openProject(const QString& path);
    // An export job for the current view and clock with the project's export settings.
    ExportJob exportJob() const;

    // Autosave (unsaved annotations): where this session writes, and writing it now.
    static QString autosaveDir();
    QString autosavePath() const { return m_autosavePath; }
    void writeAutosave();
    // Autosaves left by sessions that ended without closing (crash, kill), oldest first.
    QStringList recoverableAutosaves() const;
    // Restores an autosave's annotations (and its project, when it had one and it exists);
    // the annotations stay unsaved. The autosave file is removed once restored.
    // Errors when it cannot be restored (the autosave is kept).
    Diagnostics recoverAutosave(const QString& file);
    void discardAutosave(const QString& file);

private:
    void buildActions();
    void addExportActions();
    void newProject();
    void openProjectDialog();
    bool saveProjectDialog(bool saveAs);
    void showExportDialog();
    void showAnimationDialog();
    void offerRecovery();
    void updateTitle();
    void onAnnotationsChanged();
    void removeOwnAutosave();
    bool confirmDiscard(const QString& action);
    bool eventFilter(QObject* watched, QEvent* event) override;

    Workbench m_wb;
    AnnotationModel* m_model = nullptr;
    AnnotationTool* m_tool = nullptr;
    Project m_project;              // what was opened (keeps unknown members and unavailable layers)
    QString m_path;                 // the project file; empty: untitled
    QString m_autosavePath;
    std::unique_ptr<QLockFile> m_autosaveLock;
    QTimer m_autosaveTimer;
    QActionGroup* m_modes = nullptr;
    QAction* m_undo = nullptr;
    QAction* m_redo = nullptr;
    QMessageBox* m_recoveryBox = nullptr;
};

}  // namespace atlas::app
