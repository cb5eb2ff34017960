#pragma once

#include <QWidget>

class QPushButton;
class QHBoxLayout;

namespace vigil {

/** @brief A centred "nothing here yet" panel that says what to do next, with action buttons. */
class EmptyState : public QWidget {
    Q_OBJECT
public:
    EmptyState(const QString& title, const QString& text, QWidget* parent = nullptr);
    QPushButton* addAction(const QString& label);

private:
    QHBoxLayout* m_buttons = nullptr;
};

} // namespace vigil
