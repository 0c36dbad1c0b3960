export type ResultsView = 'list' | 'map';

/** On small screens: results as a list (first) or on the map, one at a time. Two toggle buttons. */
export function ViewSwitch({ view, onChange, label }: { view: ResultsView; onChange: (view: ResultsView) => void; label: string }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of toggle buttons, not a form fieldset
    <div className="view-switch" role="group" aria-label={label}>
      <button type="button" className="view-switch-button" aria-pressed={view === 'list'} onClick={() => onChange('list')}>
        List
      </button>
      <button type="button" className="view-switch-button" aria-pressed={view === 'map'} onClick={() => onChange('map')}>
        Map
      </button>
    </div>
  );
}
