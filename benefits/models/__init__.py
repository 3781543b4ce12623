"""The app's models: benefit types and their amounts (types.py), providers and payment
arrangements (payments.py), the monthly payroll (payroll.py), care allowances (care.py),
gift campaigns (campaigns.py), health-insurance cards (cards.py), loans (loans.py) and
housing support (housing.py)."""

from .campaigns import Campaign, CampaignGroup, CampaignRecipient, GiftRate
from .cards import CardGround, CardRate, HealthCard
from .care import CareAllowance
from .housing import HousingFunding, HousingSupport
from .loans import Loan
from .payments import Method, PaymentArrangement, Provider
from .payroll import (
    Kind,
    PaymentStatus,
    Payroll,
    PayrollLine,
    PayrollPolicy,
    RecoveryPolicy,
)
from .supports import Support
from .types import BenefitType, Funding, Rule, SupportRate
from .types import Kind as BenefitKind

__all__ = [
    "BenefitKind",
    "BenefitType",
    "Campaign",
    "CampaignGroup",
    "CampaignRecipient",
    "CardGround",
    "CardRate",
    "GiftRate",
    "HealthCard",
    "HousingFunding",
    "HousingSupport",
    "CareAllowance",
    "Funding",
    "Kind",
    "Loan",
    "Method",
    "PaymentArrangement",
    "PaymentStatus",
    "Payroll",
    "PayrollLine",
    "PayrollPolicy",
    "Provider",
    "RecoveryPolicy",
    "Rule",
    "Support",
    "SupportRate",
]
