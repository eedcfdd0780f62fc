import { createRoot } from 'react-dom/client';
import { connectBackend } from './api/api';
import { App } from './app/App';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
try {
  root.render(<App backend={connectBackend()} />);
} catch (error) {
  root.render(
    <p className="error" role="alert">
      {error instanceof Error ? error.message : String(error)}
    </p>,
  );
}
