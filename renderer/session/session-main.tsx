import { createRoot } from 'react-dom/client';
import { connectSession } from './session-client';
import { SessionScreen } from './SessionScreen';
import './session.css';

createRoot(document.getElementById('root')!).render(<SessionScreen client={connectSession()} />);
