import net from 'node:net';

export interface DevInbox {
  smtpUrl: string;
  inboxUrl: string;
  stop(): Promise<void>;
}

/** The preferred port if it is free, otherwise any free one. */
async function portOr(preferred: number): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number | null>((resolve) => {
      const srv = net.createServer();
      srv.once('error', () => resolve(null));
      srv.listen(port, '127.0.0.1', () => {
        const address = srv.address();
        srv.close(() => resolve(typeof address === 'object' && address ? address.port : null));
      });
    });
  return (await tryListen(preferred)) ?? (await tryListen(0)) ?? preferred;
}

/**
 * Development only: a mail catcher with a web inbox (maildev), so everything the demo sends can be read in the
 * browser. Nothing leaves the machine.
 */
export async function startDevInbox(): Promise<DevInbox> {
  const { MailDev } = await import('maildev');
  const [smtp, web] = [await portOr(1025), await portOr(1080)];
  const maildev = new MailDev({ smtp, web, ip: '127.0.0.1', webIp: '127.0.0.1', silent: true });
  await maildev.start();
  return { smtpUrl: `smtp://127.0.0.1:${smtp}`, inboxUrl: `http://localhost:${web}`, stop: () => maildev.stop() };
}
