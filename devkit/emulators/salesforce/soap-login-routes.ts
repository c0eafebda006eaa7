/** Partner SOAP API login/logout (`/services/Soap/u/<ver>`), which jsforce's `login()` uses without OAuth2 client. */
import express, { type Request, type Response, Router } from 'express';
import { baseUrlOf, type EmulatorContext } from './context.js';
import { escapeXml, findElement, parseXml, soapEnvelope, soapFault } from './soap-xml.js';

const PARTNER_NS = 'urn:partner.soap.sforce.com';

function send(res: Response, status: number, xml: string): void {
  res.status(status).type('text/xml; charset=utf-8').send(xml);
}

/** POST /services/Soap/u/:version: `login` answers a LoginResult; `logout` revokes the session. */
export function createSoapLoginRouter(ctx: EmulatorContext): Router {
  const router = Router();
  router.post(
    '/services/Soap/u/:version',
    express.text({ type: () => true }),
    (req: Request, res: Response) => {
      let envelope: ReturnType<typeof parseXml>;
      try {
        envelope = parseXml(String(req.body ?? ''));
      } catch {
        send(res, 500, soapFault('INVALID_XML', 'malformed XML'));
        return;
      }
      const call = findElement(envelope, 'Body')?.children[0];
      const version = String(req.params.version);
      if (call?.name === 'logout') {
        const session = findElement(envelope, 'sessionId')?.text.trim() ?? '';
        if (!ctx.tokens.isValid(session)) {
          send(
            res,
            500,
            soapFault('INVALID_SESSION_ID', 'Invalid Session ID found in SessionHeader: Illegal Session'),
          );
          return;
        }
        ctx.tokens.revoke(session);
        send(res, 200, soapEnvelope('<logoutResponse/>', PARTNER_NS));
        return;
      }
      if (call?.name !== 'login') {
        send(
          res,
          500,
          soapFault(
            'INVALID_OPERATION',
            `The Partner Atlas emulator does not implement ${call?.name ?? 'this call'}`,
          ),
        );
        return;
      }
      const username = findElement(call, 'username')?.text.trim();
      const password = findElement(call, 'password')?.text;
      if (username !== ctx.credentials.username || password !== ctx.credentials.password) {
        send(
          res,
          500,
          soapFault('INVALID_LOGIN', 'Invalid username, password, security token; or user locked out.'),
        );
        return;
      }
      const { token } = ctx.tokens.issueAccessToken();
      const base = baseUrlOf(req);
      const { orgId, userId } = ctx.state;
      send(
        res,
        200,
        soapEnvelope(
          '<loginResponse><result>' +
            `<metadataServerUrl>${base}/services/Soap/m/${version}/${orgId}</metadataServerUrl>` +
            '<passwordExpired>false</passwordExpired><emulator>true</emulator>' +
            `<serverUrl>${base}/services/Soap/u/${version}/${orgId}</serverUrl>` +
            `<sessionId>${escapeXml(token)}</sessionId><userId>${userId}</userId>` +
            `<userInfo><organizationId>${orgId}</organizationId><userEmail>${escapeXml(ctx.state.username)}</userEmail>` +
            `<userFullName>Atlas Integration</userFullName><userId>${userId}</userId>` +
            `<userName>${escapeXml(ctx.state.username)}</userName></userInfo>` +
            '</result></loginResponse>',
          PARTNER_NS,
        ),
      );
    },
  );
  return router;
}
