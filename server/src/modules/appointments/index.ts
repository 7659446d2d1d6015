import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { YiwangModule } from '../../platform/module.ts';
import { extendBuiltInRole } from '../identity/index.ts';
import { sweepNoShows } from './book.ts';
import { appointmentPermissions as P } from './policy.ts';
import { appointmentRoutes } from './routes.ts';
import { seedAppointmentsDemo } from './seed.ts';

export { appointmentPermissions } from './policy.ts';

// The hall's window clerks call tickets; the hall's IT admin publishes slots.
extendBuiltInRole('window_clerk', [P.call]);
extendBuiltInRole('it_admin', [P.publish]);

export const appointmentsModule: YiwangModule = {
  name: 'appointments',
  migrationsFolder: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
  routes: appointmentRoutes,
  jobs: {
    'appointments.no_show.sweep': async (ctx) => {
      await sweepNoShows(ctx);
    },
  },
  schedules: [{ kind: 'appointments.no_show.sweep', everySeconds: 3600 }],
  seedDemo: seedAppointmentsDemo,
};
