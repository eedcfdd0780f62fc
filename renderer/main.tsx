import { createRoot } from 'react-dom/client';
import { connectApi } from './api/api';
import { App } from './app/App';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
try {
  root.render(<App api={connectApi()} />);
} catch (error) {
  root.render(<p className="error" role="alert">{error instanceof Error ? error.message : String(error)}</p>);
}
