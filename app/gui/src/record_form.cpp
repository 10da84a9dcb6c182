#include "atlas/gui/record_form.h"

#include "atlas/data/dataset.h"
#include "atlas/data/vocabulary.h"
#include "atlas/gui/id_picker.h"
#include "atlas/gui/record_session.h"
#include "atlas/gui/source_form.h"
#include "atlas/time/date.h"

#include <algorithm>

#include <QComboBox>
#include <QCompleter>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QVBoxLayout>
#include <QSettings>
#include <QLabel>
#include <QLineEdit>

namespace atlas::app {
namespace {
const char* const kRecentSourcesKey = "record/recentSources";
}  // namespace

void fillSources(IdPicker& picker, const Dataset* dataset)
{
    std::vector<std::pair<std::string, std::string>> items;
    if (dataset)
        for (const Source& s : dataset->sources().all())
            items.emplace_back(s.id, s.outlet + ": " + s.title + (s.date.empty() ? "" : " (" + s.date + ")"));
    // The sources of the last edits come first (a researcher works through one report at a
    // time) but are not ticked: a citation must be chosen, never carried over unseen.
    const QStringList recent = QSettings().value(kRecentSourcesKey).toStringList();
    auto rank = [&](const std::string& id) {
        const auto i = recent.indexOf(QString::fromStdString(id));
        return i < 0 ? recent.size() : i;
    };
    std::stable_sort(items.begin(), items.end(), [&](const auto& a, const auto& b) { return rank(a.first) < rank(b.first); });
    picker.setItems(items);
}

void rememberSources(const std::vector<std::string>& ids)
{
    QSettings settings;
    QStringList recent = settings.value(kRecentSourcesKey).toStringList();
    for (auto it = ids.rbegin(); it != ids.rend(); ++it) {
        recent.removeAll(QString::fromStdString(*it));
        recent.prepend(QString::fromStdString(*it));
    }
    while (recent.size() > 8) recent.removeLast();
    settings.setValue(kRecentSourcesKey, recent);
}

namespace {

// What an event is linked to most: named features first, then fronts and areas, then events;
// the per-version rows (control:…) last, so a search for a town shows the town on top.
int linkRank(const std::string& id)
{
    static const char* const order[] = {"place:", "mine:", "crossing:", "river:", "front:", "area:", "event:"};
    int rank = 0;
    for (const char* prefix : order) {
        if (id.rfind(prefix, 0) == 0) return rank;
        ++rank;
    }
    return rank;
}

}  // namespace

void fillFeatures(IdPicker& picker, const Dataset* dataset, bool withEvents)
{
    std::vector<std::pair<std::string, std::string>> items;
    if (dataset)
        for (const std::string& id : dataset->allIds()) {
            if (!withEvents && id.rfind("event:", 0) == 0) continue;
            items.emplace_back(id, dataset->nameOf(id));
        }
    std::stable_sort(items.begin(), items.end(),
                     [](const auto& a, const auto& b) { return linkRank(a.first) < linkRank(b.first); });
    picker.setItems(items);
}

void fillConfidence(QComboBox& combo)
{
    for (std::string_view w : vocab::kConfidence) combo.addItem(QString::fromUtf8(w.data(), static_cast<int>(w.size())));
    combo.setCurrentText("medium");
}

std::optional<std::string> readDate(const QLineEdit& field, bool optional, QString& error)
{
    const std::string text = field.text().trimmed().toStdString();
    if (text.empty()) {
        if (!optional) error = QObject::tr("%1: a date is required").arg(field.objectName());
        return std::nullopt;
    }
    const auto date = Date::parse(text);
    if (!date) {
        error = QObject::tr("%1: %2").arg(field.objectName(), QString::fromStdString(date.message()));
        return std::nullopt;
    }
    return text;
}

QString datePrecisionText(const QString& text)
{
    if (text.trimmed().isEmpty()) return {};
    const auto date = Date::parse(text.trimmed().toStdString());
    if (!date) return QObject::tr("not a date (YYYY-MM-DD, YYYY-MM or YYYY)");
    switch (date->precision()) {
    case Date::Precision::Day: return QObject::tr("day precision");
    case Date::Precision::Month: return QObject::tr("month precision");
    case Date::Precision::Year: return QObject::tr("year precision");
    }
    return {};
}

QLabel* makeErrorLabel(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName("error");
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setStyleSheet("color: #b00020;");
    label->hide();
    return label;
}

QComboBox* makeIdCombo(QWidget* parent, const char* objectName, const Dataset* dataset,
                       const std::function<bool(const std::string&)>& pick, const QString& none)
{
    auto* combo = new QComboBox(parent);
    combo->setObjectName(objectName);
    combo->setEditable(true);
    combo->setInsertPolicy(QComboBox::NoInsert);
    combo->completer()->setFilterMode(Qt::MatchContains);
    combo->completer()->setCompletionMode(QCompleter::PopupCompletion);
    if (!none.isEmpty()) combo->addItem(none, QString());
    if (dataset)
        for (const std::string& id : dataset->allIds())
            if (pick(id)) combo->addItem(QString::fromStdString(id + " — " + dataset->nameOf(id)), QString::fromStdString(id));
    return combo;
}

CitationRows addCitationRows(QFormLayout& form, QWidget* parent, RecordSession& session)
{
    CitationRows rows;
    rows.sources = new IdPicker(parent);
    rows.sources->setObjectName("sources");
    fillSources(*rows.sources, session.dataset());
    addNewSourceButton(*rows.sources, session);
    form.addRow(QObject::tr("Sources:"), rows.sources);
    rows.confidence = new QComboBox(parent);
    rows.confidence->setObjectName("confidence");
    fillConfidence(*rows.confidence);
    form.addRow(QObject::tr("Confidence:"), rows.confidence);
    return rows;
}

QLabel* layOutForm(QDialog& dialog, QFormLayout* form)
{
    QLabel* error = makeErrorLabel(&dialog);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    buttons->setObjectName("buttons");
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto* layout = new QVBoxLayout(&dialog);
    layout->addLayout(form);
    layout->addWidget(error);
    layout->addWidget(buttons);
    return error;
}

}  // namespace atlas::app
