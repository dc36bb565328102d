import { as, day, expectProblem, TestApp, type Session } from './support/test-app.js';

/** A session's attendee list for staff: JSON, and CSV that a spreadsheet cannot run as formulas. */
describe('attendees', () => {
  let api: TestApp;
  let manager: Session;
  let plotter: Session;
  let summer: Session;
  let serviceId: number;
  let sessionId: number;

  beforeAll(async () => {
    api = await TestApp.start();
    const admin = await api.admin();
    manager = await api.withRole('manager');
    plotter = await api.customer('=HYPERLINK("http://x")');
    summer = await api.customer('@SUM(A1)');
    serviceId = (await api.service({ priceCents: 2000 })).id;
    const child = await api.post(
      `/api/services/${serviceId}/ticket-types`,
      { name: 'Child, under 12', priceCents: 800, position: 2 },
      as(admin),
    );
    expect(child.status).toBe(201);
    const session = await api.post(`/api/services/${serviceId}/sessions`, { startsAt: `${day(5)}T19:30:00Z`, capacity: 30 }, as(admin));
    expect(session.status).toBe(201);
    sessionId = session.body.id;
  });
  afterAll(() => api?.close());

  const ticketTypes = async () => {
    const reply = await api.get(`/api/services/${serviceId}/ticket-types`);
    const byName = Object.fromEntries(reply.body.map((type: { id: number; name: string }) => [type.name, type.id]));
    return { standard: byName.Standard as number, child: byName['Child, under 12'] as number };
  };

  it('lists each booking with its customer, tickets, places and check-in state', async () => {
    const { standard, child } = await ticketTypes();
    const first = await api.post(
      '/api/bookings',
      {
        sessionId,
        tickets: [
          { ticketTypeId: standard, quantity: 2 },
          { ticketTypeId: child, quantity: 1 },
        ],
      },
      as(plotter),
    );
    expect(first.status).toBe(201);
    const second = await api.post('/api/bookings', { sessionId, quantity: 1 }, as(summer));
    expect(second.status).toBe(201);
    expect((await api.post(`/api/bookings/${second.body.id}/cancel`, {}, as(summer))).status).toBe(200);

    const reply = await api.get(`/api/sessions/${sessionId}/attendees`, as(manager));
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual([
      {
        bookingId: first.body.id,
        reference: first.body.reference,
        status: 'confirmed',
        customer: { id: plotter.id, name: '=HYPERLINK("http://x")', email: plotter.email },
        tickets: [
          { ticketTypeId: standard, name: 'Standard', unitPriceCents: 2000, quantity: 2 },
          { ticketTypeId: child, name: 'Child, under 12', unitPriceCents: 800, quantity: 1 },
        ],
        quantity: 3,
        checkedInAt: null,
        createdAt: first.body.createdAt,
      },
      {
        bookingId: second.body.id,
        reference: second.body.reference,
        status: 'cancelled',
        customer: { id: summer.id, name: '@SUM(A1)', email: summer.email },
        tickets: [{ ticketTypeId: standard, name: 'Standard', unitPriceCents: 2000, quantity: 1 }],
        quantity: 1,
        checkedInAt: null,
        createdAt: second.body.createdAt,
      },
    ]);

    const csv = await api.get(`/api/sessions/${sessionId}/attendees?format=csv`, as(manager));
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="attendees-session-${sessionId}-${day(5)}-1930.csv"`);
    expect(csv.body).toBe(
      'Reference,Status,Name,Email,Quantity,Tickets,Checked in at,Booked at\r\n' +
        `${first.body.reference},confirmed,"'=HYPERLINK(""http://x"")",${plotter.email},3,"2 × Standard; 1 × Child, under 12",,${first.body.createdAt}\r\n` +
        `${second.body.reference},cancelled,'@SUM(A1),${summer.email},1,1 × Standard,,${second.body.createdAt}\r\n`,
    );
  });

  it('answers an empty list for a session nobody booked, 404 for none, 403 without bookings:read:any', async () => {
    const admin = await api.admin();
    const quiet = await api.post(`/api/services/${serviceId}/sessions`, { startsAt: `${day(6)}T10:00:00Z`, capacity: 5 }, as(admin));
    expect((await api.get(`/api/sessions/${quiet.body.id}/attendees`, as(manager))).body).toEqual([]);
    const csv = await api.get(`/api/sessions/${quiet.body.id}/attendees?format=csv`, as(manager));
    expect(csv.body).toBe('Reference,Status,Name,Email,Quantity,Tickets,Checked in at,Booked at\r\n');
    expectProblem(await api.get('/api/sessions/999999/attendees', as(manager)), 404, 'not-found');
    expectProblem(await api.get('/api/sessions/999999/attendees?format=csv', as(manager)), 404, 'not-found');
    expectProblem(await api.get(`/api/sessions/${sessionId}/attendees`, as(plotter)), 403, 'forbidden');
    expectProblem(await api.get(`/api/sessions/${sessionId}/attendees?format=xlsx`, as(manager)), 400, 'validation');
    expectProblem(await api.get(`/api/sessions/${sessionId}/attendees`), 401, 'unauthorized');
  });
});
