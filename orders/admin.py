from django.contrib import admin, messages

from .models import Customer, Order, OrderEmail, OrderLine, Product, Refund, StatusChange
from .services import InvalidTransition, change_status


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["name", "price", "stock", "low_stock_threshold", "units_sold"]
    readonly_fields = ["units_sold"]


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin):
    list_display = ["user", "order_count"]
    readonly_fields = ["order_count"]


class OrderLineInline(admin.TabularInline):
    model = OrderLine
    extra = 0
    readonly_fields = ["product", "quantity", "unit_price"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


def _status_action(status):
    def action(modeladmin, request, queryset):
        for order in queryset:
            try:
                change_status(order.pk, status, changed_by=request.user)
            except InvalidTransition as error:
                modeladmin.message_user(request, f"{order}: {error}", messages.WARNING)

    action.__name__ = f"mark_{status}"
    action.short_description = f"Mark selected orders as {status}"
    return action


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = ["reference", "customer", "status", "total", "created_at"]
    list_filter = ["status"]
    # The status changes only through the actions, which go through
    # change_status and so send order_status_changed.
    readonly_fields = ["reference", "customer", "status", "total", "item_count"]
    inlines = [OrderLineInline]
    actions = [_status_action(status) for status in Order.Status.values if status != "pending"]


@admin.register(OrderEmail)
class OrderEmailAdmin(admin.ModelAdmin):
    list_display = ["order", "kind", "status", "attempts", "created_at", "sent_at", "last_error"]
    list_filter = ["status", "kind"]
    # Written only by orders.delivery; a failed or dead row is visible here, not editable.
    readonly_fields = ["message_id", "status", "attempts", "claimed_until", "last_error"]


admin.site.register(StatusChange)
admin.site.register(Refund)
