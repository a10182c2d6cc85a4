import { api } from '../api/api';
import { useQuery } from '../api/use-query';
import { reportError } from '../stores/notices';

interface FolderFieldProps {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  placeholder?: string;
}

/**
 * A path field. The desktop app adds a Browse button (a native dialog); a browser cannot
 * reveal local paths, so there the path is typed or pasted.
 */
export function FolderField({ id, label, value, onChange, placeholder }: FolderFieldProps) {
  // Without an answer there is no Browse button: the path can always be typed.
  const canPick = useQuery('app.info').data?.capabilities.pickFolder ?? false;

  const browse = async () => {
    try {
      const picked = await api.call('system.pickFolder', { title: label });
      if (picked) onChange(picked);
    } catch (error) {
      reportError(error);
    }
  };

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="field-row">
        <input id={id} type="text" value={value} placeholder={placeholder} spellCheck={false} onChange={(e) => onChange(e.target.value)} />
        {canPick && (
          <button type="button" onClick={() => void browse()}>
            Browse…
          </button>
        )}
      </div>
    </div>
  );
}
