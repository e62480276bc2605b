import { createHashRouter, Navigate } from 'react-router';
import { AppLayout } from '../layout/AppLayout';
import { AreaPlaceholder } from '../features/AreaPlaceholder';
import { AREAS } from './areas';
import { NotFound } from './NotFound';

// Hash routing: the app is served from app:// in the desktop and from any static path in
// the browser, and a reload must never ask the server for a deep path.
export function createAppRouter() {
  return createHashRouter([
    {
      path: '/',
      element: <AppLayout />,
      children: [
        { index: true, element: <Navigate to="/today" replace /> },
        ...AREAS.map((area) => ({ path: area.path.slice(1), element: <AreaPlaceholder area={area.key} /> })),
        { path: '*', element: <NotFound /> },
      ],
    },
  ]);
}
