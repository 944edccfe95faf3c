/** The test server's leaf certificate (PEM), for Chromium's SPKI pin list. */
import { X509Certificate } from 'node:crypto';
import { connect } from 'node:tls';

export function serverCertificate(url: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port), rejectUnauthorized: false }, () => {
      const der = socket.getPeerCertificate().raw;
      socket.end();
      resolve(new X509Certificate(der).toString());
    });
    socket.on('error', reject);
  });
}
