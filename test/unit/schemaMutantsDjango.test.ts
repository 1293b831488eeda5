import * as assert from 'node:assert/strict';
import { parseDjango } from '../../src/core/schema/django';
import { schemaHints } from '../../src/core/schema/hints';
import type { SchemaModel } from '../../src/core/schema/model';

// A CRM app grown over the years: a custom user with its own primary key, aliased imports, a decorated model on an
// abstract base from another package, managers and constants beside fields, Meta in every form (computed ones too),
// a proxy, models under if / try, fields made in a loop or with setattr, add_to_class and type().
const MODELS = `import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser, Group as AuthGroup
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from taggit.managers import TaggableManager
from billing.models import Account as BillingAccount

from .base import TrackedModel, register

MAX_NAME = 120


class Member(AbstractUser):
    uid = models.UUIDField(primary_key=True, default=uuid.uuid4)
    team = models.ForeignKey("Team", null=True, on_delete=models.SET_NULL, db_column="team_ref")
    roles = models.ManyToManyField(AuthGroup, related_name="+")


@register
class Team(TrackedModel):
    name = models.CharField(_("name"), max_length=MAX_NAME, db_index=True)
    slug = models.SlugField(unique=True, db_index=False)
    account = models.OneToOneField(BillingAccount, on_delete=models.PROTECT, related_name="%(app_label)s_%(class)s")
    mentors = models.ManyToManyField("self", symmetrical=False)
    tags = TaggableManager()
    objects = models.Manager()
    active = ActiveManager()
    search_vector = make_search_field()
    HIDDEN_FIELDS = ("account",)

    class Meta:
        db_table = "crm_teams"
        index_together = ("name", "slug")
        indexes = [models.Index(Lower("name"), "slug", name="team_lower_name")]
        constraints = [models.CheckConstraint(condition=models.Q(name__gt=""), name="team_name_not_empty"), build_constraint()]

    def __str__(self):
        return self.name

    @property
    def label(self):
        return self.name.title()


class TeamProxy(Team):
    class Meta:
        proxy = True


class Note(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notes")
    body = models.TextField()
    for lang in ("en", "fr"):
        locals()["title_" + lang] = models.CharField(max_length=80)
    setattr(Note, "extra", 1) if False else None

    class Meta:
        unique_together = UNIQUE_SETS
        indexes = INDEXES


if settings.DEBUG:
    class DebugLog(models.Model):
        message = models.TextField()
else:
    class AuditLog(models.Model):
        message = models.TextField()

try:
    from .legacy import OldThing
except ImportError:
    class OldThing(models.Model):
        label = models.CharField(max_length=20)

Team.add_to_class("score", models.IntegerField(default=0))
Snapshot = type("Snapshot", (models.Model,), {"__module__": __name__})
`;
const APPS = `from django.apps import AppConfig


class CrmConfig(AppConfig):
    default_auto_field = "django.db.models.SmallAutoField"
    name = "crm"
`;

const line = (model: SchemaModel, id: string): string[] => {
  const entity = model.entities.find((e) => e.id === id);
  assert.ok(entity, `${id} in ${model.entities.map((e) => e.id).join(', ')}`);
  return entity.fields.map((f) => `${f.name} ${f.type}${f.pk ? ' pk' : ''}${f.fk ? ' fk' : ''}${f.unique ? ' unique' : ''}${f.nullable ? ' null' : ''}${f.virtual ? ' virtual' : ''}${f.line ? `@${f.line}` : ''}`);
};

describe('the Django reader on a grown CRM app', () => {
  let model: SchemaModel;
  // Read per test, never in the describe body: Stryker activates a mutant only while tests run.
  beforeEach(() => {
    model = parseDjango([{ file: 'crm/models.py', text: MODELS }, { file: 'crm/apps.py', text: APPS }]);
  });

  it('finds the models under decorators, if / else and try / except, and the external and implicit tables they need', () => {
    assert.deepEqual(
      model.entities.map((e) => `${e.group}.${e.id}${e.external ? ' external' : ''}${e.implicit ? ' implicit' : ''}${e.table ? ` (${e.table})` : ''}@${e.line}`),
      [
        'crm.Member@17',
        'auth.Group external@0',
        'crm.crm_member_groups implicit@17',
        'auth.Permission external@0',
        'crm.crm_member_user_permissions implicit@17',
        'crm.crm_member_roles implicit@20',
        'crm.Team (crm_teams)@24',
        'billing.Account external@0',
        'crm.crm_teams_mentors implicit@28',
        'crm.Note@54',
        'crm.DebugLog@68',
        'crm.AuditLog@71',
        'crm.OldThing@77',
      ],
    );
    assert.deepEqual(model.problems, []);
  });

  it('reads a custom primary key, db_column, the app’s default_auto_field, and leaves managers and constants out', () => {
    assert.deepEqual(line(model, 'Member').slice(-3), ['uid UUIDField pk@18', 'team ForeignKey fk null@19', 'roles ManyToManyField virtual@20']);
    assert.equal(line(model, 'Member').length, 15, 'AbstractUser’s twelve columns come first');
    assert.deepEqual(line(model, 'Team'), ['id SmallAutoField pk@24', 'name CharField@25', 'slug SlugField unique@26', 'account OneToOneField fk unique@27', 'mentors ManyToManyField virtual@28']);
    assert.equal(model.entities.find((e) => e.id === 'Team')?.fields[0].detail, 'implicit primary key (SmallAutoField)');
    assert.deepEqual(line(model, 'crm_member_roles'), ['id SmallAutoField pk', 'member_id ForeignKey fk', 'group_id ForeignKey fk']);
    assert.deepEqual(line(model, 'crm_teams_mentors'), ['id SmallAutoField pk', 'from_team_id ForeignKey fk', 'to_team_id ForeignKey fk']);
    assert.deepEqual(line(model, 'OldThing'), ['id SmallAutoField pk@77', 'label CharField@78']);
  });

  it('reads index_together, expression indexes, check constraints and db_index, and skips what Meta computes', () => {
    assert.deepEqual(model.entities.find((e) => e.id === 'Team')?.indexes, [
      { fields: ['name', 'slug'], line: 37 },
      { fields: ['Lower("name")', 'slug'], line: 38, name: 'team_lower_name' },
      { fields: [], line: 39, name: 'team_name_not_empty', check: 'models.Q(name__gt="")' },
      { fields: ['name'], line: 25 },
    ]);
    assert.deepEqual(model.entities.find((e) => e.id === 'crm_member_roles')?.indexes, [{ fields: ['member_id', 'group_id'], unique: true }]);
  });

  it('resolves aliased imports to the real model, the custom user without settings, and fills related_name placeholders', () => {
    assert.deepEqual(
      model.relations.map((r) => `${r.from}.${r.field} ${r.kind} ${r.to}${r.nullable ? ' null' : ''}${r.through ? ` through ${r.through}` : ''}${r.relatedName ? ` related ${r.relatedName}` : ''}${r.columns ? ` [${r.columns.join(', ')}]` : ''}@${r.line}`),
      [
        'Member.groups many-to-many Group through crm_member_groups related user_set@17',
        'Member.user_permissions many-to-many Permission through crm_member_user_permissions related user_set@17',
        'Member.team many-to-one Team null [team_ref]@19',
        'Member.roles many-to-many Group through crm_member_roles related +@20',
        'Team.account one-to-one Account related crm_team [account_id]@27',
        'Team.mentors many-to-many Team through crm_teams_mentors@28',
        'Note.team many-to-one Team [team_id]@55',
        'Note.author many-to-one Member related notes [author_id]@56',
      ],
    );
    assert.ok(!schemaHints(model).some((h) => h.text.includes('prefetch_related("+")')), 'related_name="+" has no reverse accessor');
  });

  it('lists every construct it does not run, at its line', () => {
    assert.deepEqual(
      model.skipped.map((s) => `${s.line} ${s.message}`),
      [
        '32 `search_vector = make_search_field(…)` on `Team`: a field made by a function call is not drawn.',
        '39 an entry of `Meta.constraints` of `Team` is computed; it is not listed.',
        '58 fields of `Note` made in a loop are not drawn.',
        '60 `setattr(Note, "extra", 1) if False else None` sets attributes at run time; they are not drawn.',
        '63 `Meta.unique_together` of `Note` is computed; it is not listed.',
        '64 `Meta.indexes` of `Note` is computed; it is not listed.',
        '80 `Team.add_to_class("score", models.IntegerField(default=0))` adds a field at run time; it is not drawn.',
        '81 `Snapshot` is a model built with type(); it is not drawn (the parser reads code, it does not run it).',
        "49 `TeamProxy` is a proxy model: it shares its parent's table and is not drawn apart.",
      ],
    );
  });
});

// Python literals as people write them: parenthesized, prefixed, triple-quoted and escaped strings, None, nested tuples.
const BILLING = `from django.db import models


class Currency(models.Model):
    code = models.CharField(max_length=3, primary_key=(True))


class Invoice(models.Model):
    number = models.CharField(max_length=20, db_index=(True))
    customer = models.fields.related.ForeignKey(to=("crm.Member"), on_delete=models.CASCADE, related_name=r"invoices_%(class)s")
    currency = models.ForeignKey(u'Currency', on_delete=models.PROTECT, related_name='invoice\\'s_currency')
    note = models.TextField(null=None, unique=False, blank=True)
    paid = models.BooleanField(default=False, db_index=False)

    class Meta:
        db_table = """billing_invoice"""
        abstract = False
        unique_together = (("number", "customer"), ["currency", "number"])
        index_together = [("paid", year_field())]
`;

describe('the Django reader on Python literals of every spelling', () => {
  it('reads flags, targets, related names, db_table and unique_together whatever their quoting', () => {
    const model = parseDjango([{ file: 'billing/models.py', text: BILLING }, { file: 'crm/models.py', text: 'from django.db import models\n\nclass Member(models.Model):\n    pass\n' }]);
    assert.deepEqual(line(model, 'Currency'), ['code CharField pk@5']);
    assert.deepEqual(line(model, 'Invoice'), ['id AutoField pk@8', 'number CharField@9', 'customer ForeignKey fk@10', 'currency ForeignKey fk@11', 'note TextField@12', 'paid BooleanField@13']);
    const invoice = model.entities.find((e) => e.id === 'Invoice');
    assert.equal(invoice?.table, 'billing_invoice');
    assert.deepEqual(invoice?.indexes, [{ fields: ['number', 'customer'], line: 18, unique: true }, { fields: ['currency', 'number'], line: 18, unique: true }, { fields: ['number'], line: 9 }]);
    assert.deepEqual(model.relations.map((r) => `${r.from}.${r.field} → ${r.to} ${r.relatedName}`), ['Invoice.customer → Member invoices_invoice', "Invoice.currency → Currency invoice's_currency"]);
    assert.deepEqual(model.skipped, [{ file: 'billing/models.py', line: 19, message: '`Meta.index_together` of `Invoice` is computed; it is not listed.' }]);
    assert.deepEqual(model.problems, []);
  });
});

// A models.py with classes that are not models beside those that are, and a broken line at the top level.
const KINDS = `from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models
from django.db.models import Model
from rest_framework import serializers
from core.models import TimeStampedModel, SoftDeleteMixin, AbstractAddress

STATUS = = "draft"


class Plain(Model):
    class Meta:
        db_table = f"{PREFIX}plain"


class Stamped(TimeStampedModel):
    class Meta:
        verbose_name = "stamped"


class Address(AbstractAddress):
    class Meta:
        ordering = ["id"]


class Helper(SoftDeleteMixin):
    class Meta:
        verbose_name = "helper"


class PlainSerializer(serializers.ModelSerializer):
    class Meta:
        model = Plain
        fields = "__all__"


class Settings:
    DEBUG = False


class Customer(AbstractBaseUser):
    email = models.EmailField(unique=True)


class Review(models.Model):
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name=f"{PREFIX}reviews")


globals()["Archive"] = type("Archive", (models.Model,), {"__module__": __name__})
`;

describe('the Django reader telling models from other classes', () => {
  it('draws subclasses of Model and of model bases it cannot see, not serializers, mixins or plain classes', () => {
    const model = parseDjango([{ file: 'shop/models.py', text: KINDS }]);
    assert.deepEqual(model.entities.map((e) => `${e.id}@${e.line}`), ['Plain@11', 'Stamped@16', 'Address@21', 'Customer@41', 'Review@45']);
    assert.deepEqual(model.problems, [{ file: 'shop/models.py', line: 8, message: 'Python syntax error in the statement starting `STATUS = = "draft"`; the rest of the file is still read.' }]);
    assert.deepEqual(model.skipped.map((s) => `${s.line} ${s.message}`), ['49 a model built with type() is not drawn (the parser reads code, it does not run it).']);
  });

  it('leaves f-strings unread, and takes the only custom user as the user model when no settings are read', () => {
    const model = parseDjango([{ file: 'shop/models.py', text: KINDS }]);
    assert.equal(model.entities.find((e) => e.id === 'Plain')?.table, undefined, 'db_table is an f-string');
    assert.deepEqual(model.relations.map((r) => `${r.from}.${r.field} → ${r.to} ${r.relatedName ?? '(default reverse name)'}`), ['Review.author → Customer (default reverse name)']);
    assert.deepEqual(model.entities.find((e) => e.id === 'Customer')?.fields.map((f) => f.name), ['id', 'password', 'last_login', 'email']);
  });
});

// A ticketing app: two custom user classes (settings pick one), a nested TextChoices, class attributes that are not
// columns (a FieldTracker, a constant, computed names and calls), signal handlers and registrations beside the models.
const TICKETS = `from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.signals import post_save
from django.dispatch import receiver
from model_utils import FieldTracker

from .fields import MoneyField, get_limit, make_price_field


class Person(AbstractBaseUser):
    email = models.EmailField(unique=True)


class Staff(AbstractUser):
    badge = models.CharField(max_length=10)


class Stamped(models.Model):
    created = models.DateTimeField()

    class Meta:
        abstract = True
        indexes = [models.Index(fields=["created"], name="created_idx")]


class Ticket(Stamped):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    status = models.CharField(max_length=6, choices=Status.choices)
    owner = models.ForeignKey("people.Person", on_delete=models.CASCADE)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    vars()["legacy_code"] = models.CharField(max_length=8)
    amount = MoneyField.for_currency("EUR")(max_digits=9)
    price_v2 = make_price_field()
    DEFAULT_LIMIT = get_limit()
    tracker = FieldTracker()


@receiver(post_save, sender=Ticket)
def notify(sender, instance, **kwargs):
    pass


for signal in (post_save,):
    signal.connect(notify)

auditlog.register(Ticket)
`;
const SETTINGS = `AUTH_USER_MODEL = "people.Person"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
TIME_ZONE = "UTC"
`;

describe('the Django reader on a ticketing app and its settings', () => {
  let model: SchemaModel;
  beforeEach(() => {
    model = parseDjango([{ file: 'people/models.py', text: TICKETS }, { file: 'config/settings.py', text: SETTINGS }]);
  });

  it('takes the user model from AUTH_USER_MODEL and the id type from DEFAULT_AUTO_FIELD, whatever else settings hold', () => {
    assert.deepEqual(model.entities.filter((e) => !e.implicit).map((e) => `${e.id}${e.external ? ' external' : ''}@${e.line}`), ['Person@12', 'Staff@16', 'Group external@0', 'Permission external@0', 'Stamped@20', 'Ticket@28']);
    assert.deepEqual(model.relations.filter((r) => r.from === 'Ticket').map((r) => `${r.field} → ${r.to}`), ['owner → Person', 'assignee → Person']);
  });

  it('keeps the abstract base’s indexes when the model has a nested class but no Meta, and only real fields as columns', () => {
    const ticket = model.entities.find((e) => e.id === 'Ticket');
    assert.deepEqual(ticket?.fields.map((f) => `${f.name} ${f.type}`), ['id BigAutoField', 'created DateTimeField', 'status CharField', 'owner ForeignKey', 'assignee ForeignKey']);
    assert.deepEqual(ticket?.indexes, [{ fields: ['created'], line: 25, name: 'created_idx' }]);
  });

  it('skips computed names and calls but not constants, trackers, signal handlers or registrations', () => {
    assert.deepEqual(model.skipped.map((s) => `${s.line} ${s.message}`), [
      '36 `vars()["legacy_code"] = models.CharField(max_length=8)` assigns a computed name; it is not drawn.',
      '37 `amount` on `Ticket` comes from a computed call; it is not drawn.',
      '38 `price_v2 = make_price_field(…)` on `Ticket`: a field made by a function call is not drawn.',
    ]);
    assert.deepEqual(model.problems, []);
  });
});
