#pragma once
// The inspector's "Record history" while the window edits the team database: who changed the
// shown feature, when, how, on which sources, and whether it was committed or refused (the
// audit table, teamdb/audit_log.h). Read on a worker: a slow server never stalls the inspector.
#include "atlas/gui/background_task.h"
#include "atlas/teamdb/audit_log.h"

#include <QWidget>

class QLabel;

namespace atlas::app {

class InspectorDock;
class TeamSession;

struct TeamHistoryRead {
    std::string feature;
    std::vector<teamdb::LogEntry> entries;
    std::string error;
};

class TeamHistory : public QWidget {
    Q_OBJECT
public:
    TeamHistory(TeamSession& team, InspectorDock& inspector);

    // The entries shown, as plain text (tests).
    QString text() const;
    const std::string& feature() const { return m_feature; }
    bool isReading() const { return m_task.isRunning(); }

private:
    void showFor(const QString& datasetId, bool again);
    void display(const TeamHistoryRead& read);

    TeamSession& m_team;
    QLabel* m_body;
    std::string m_feature;
    BackgroundTask<TeamHistoryRead> m_task;
};

}  // namespace atlas::app
