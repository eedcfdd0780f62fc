import { ModalDialog } from '../app/ModalDialog';

/** Short and true to docs/SPEC.md ("The tally"): the words a delegation meets on the desk. */
const GLOSSARY: readonly (readonly [term: string, meaning: string])[] = [
  [
    'Consensus',
    'A finding is adopted unless a voting delegation objects: it must be the only finding that counted voting delegations hold, and at least one must hold it. Abstaining delegations, ballots that do not count and silence past the deadline are not objections.',
  ],
  ['Recused', 'A party to the dispute. Its assessment is shown but never counted: a party does not judge its own case.'],
  [
    'Equivocation',
    'Two statements of one delegation that contradict each other — two different statements signed with one sequence number, or two assessments of one incident and round of which neither supersedes the other. Both are kept, and that ballot is disputed.',
  ],
  [
    'Silence procedure',
    'When the rule has it and the chair sets a silence deadline on opening the reveal, a voting delegation that has not revealed after the deadline raises no objection: it neither supports nor objects, and does not count towards the quorum.',
  ],
  [
    'Quorum',
    'When the rule sets one (a/b), the counted, non-abstaining voting delegations (by weight, where the rule weighs) must make up at least a/b of all voting delegations; otherwise the round ends with no consensus.',
  ],
  [
    'Disputed',
    'A verdict that cannot be read one way: a voting delegation’s ballot is invalid or equivocated, and reading it one way or the other gives different outcomes. The delegations in question are named.',
  ],
];

const SHORTCUTS: readonly (readonly [where: string, keys: string, action: string])[] = [
  ['Incident queue', '↑ / ↓, Page Up / Page Down', 'move through the incidents'],
  ['Incident queue', 'Home / End', 'first / last incident'],
  ['Incident queue', 'Enter or Space', 'open the incident'],
  ['Incident queue', 'Esc', 'close the incident'],
  ['Evidence playback', 'Space', 'play / pause'],
  ['Evidence playback', '← / →', 'step a frame back / forward (Shift: a second; Alt or Ctrl: a minute)'],
  ['Evidence playback', '+ / −', 'faster / slower'],
  ['Evidence playback', 'Home / End', 'jump to the start / end'],
  ['Dialogs', 'Esc', 'close the dialog'],
  ['Map', 'the + / − / Reset / Fit the line buttons', 'zoom, back to the first view, show the whole line'],
];

export function HelpPanel({ onClose }: { readonly onClose: () => void }) {
  return (
    <ModalDialog title="Help" onClose={onClose} testId="help-panel" className="help-panel">
      <h3>Glossary</h3>
      <dl className="glossary" data-testid="glossary">
        {GLOSSARY.map(([term, meaning]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{meaning}</dd>
          </div>
        ))}
      </dl>
      <h3>Keyboard shortcuts</h3>
      <p className="muted">Playback keys work while the playback dock is shown and the focus is not in a text field.</p>
      <table className="shortcuts" data-testid="shortcuts">
        <thead>
          <tr>
            <th scope="col">Where</th>
            <th scope="col">Keys</th>
            <th scope="col">What</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map(([where, keys, action]) => (
            <tr key={`${where}-${keys}`}>
              <td>{where}</td>
              <td>
                <kbd>{keys}</kbd>
              </td>
              <td>{action}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ModalDialog>
  );
}
